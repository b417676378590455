"""Speed and memory measurements, run by ``make bench``; never asserted as times in tests."""
