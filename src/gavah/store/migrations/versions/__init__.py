"""Migration scripts of the Gavah store, oldest first by revision id."""
