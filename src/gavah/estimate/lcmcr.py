"""LCMCR: Bayesian non-parametric latent-class capture-recapture (Manrique-Vallier 2016).

Owns the settings and defaults of the model, the start of each chain, and running several chains
in parallel threads over the compiled sweep in :mod:`gavah.estimate.kernels`. The model is the
truncated stick-breaking Dirichlet-process mixture of product-Bernoulli latent classes of
Manrique-Vallier (2016), "Bayesian population size estimation using Dirichlet process mixtures",
Biometrics 72(4):1246-1254, with the priors of the reference R package LCMCR (``lcmCR``:
a_alpha = b_alpha = 0.25, Beta(1, 1) capture probabilities) and its burn-in (``lcmCR_PostSampl``:
10,000). The reference's default
thinning of 10 leaves Kosovo's chains with a bulk ESS near 45 from 4,000 draws; like HRDAG's own
runs (thinning 100 to 500) Gavah thins by 200 over 200,000 sweeps, keeping 1,000 draws per chain.

Determinism: chain ``c`` of a run with seed ``s`` draws from
``numpy.random.Generator(PCG64(SeedSequence(s).spawn(chains)[c]))`` and from the kernel's
xoshiro256+ stream seeded by four raw words of that generator, whatever the number of worker
threads. No I/O, no clock; the caller decides how many threads to use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from gavah.estimate.errors import NotEstimableError
from gavah.estimate.table import CaptureTable

__all__ = [
    "DEFAULT_BURNIN",
    "DEFAULT_CHAINS",
    "DEFAULT_ITERATIONS",
    "DEFAULT_THIN",
    "LCMCR_MIN_LISTS",
    "MAX_CLASSES",
    "LcmcrRun",
    "LcmcrSettings",
    "Progress",
    "quantiles",
    "run_lcmcr",
    "total_sweeps",
]

MAX_CLASSES: Final = 15
"""Truncation K of the stick-breaking prior: ``min(2^lists - 1, 15)`` (HRDAG uses K = 15)."""
LCMCR_MIN_LISTS: Final = 3
"""With two lists a latent-class model is not identified: the posterior would be the prior's."""
DEFAULT_CHAINS: Final = 4
DEFAULT_BURNIN: Final = 10_000  # lcmCR_PostSampl's default
DEFAULT_ITERATIONS: Final = 200_000  # sweeps kept per chain, after burn-in ...
DEFAULT_THIN: Final = 200  # ... every 200th: bulk ESS ~1,000 on Kosovo over 4 chains
_WARMUP: Final = 500  # sweeps without the alpha update before burn-in, as in the reference
_CHUNK: Final = 2_000  # sweeps per kernel call between progress reports
_START_SPREAD: Final = 0.5  # sd of the logit-scale jitter of each chain's starting lambdas

Progress = Callable[[int], None]
"""Called with the number of sweeps just completed (from worker threads; it must be cheap)."""


@dataclass(frozen=True, slots=True)
class LcmcrSettings:
    """Model and sampler settings; ``classes=None`` means ``min(2^lists - 1, 15)``.

    ``iterations`` counts sweeps after burn-in per chain; every ``thin``-th is kept, so each
    chain keeps ``iterations // thin`` draws (1,000 by default, as ``lcmCR_PostSampl``'s samples).
    """

    classes: int | None = None
    a_alpha: float = 0.25
    b_alpha: float = 0.25
    burnin: int = DEFAULT_BURNIN
    iterations: int = DEFAULT_ITERATIONS
    thin: int = DEFAULT_THIN
    chains: int = DEFAULT_CHAINS

    def validate(self) -> None:
        """Check the settings.

        Raises:
            ValueError: a non-positive count, prior parameter or thinning, or too few kept draws.
        """
        if self.classes is not None and self.classes < 1:
            raise ValueError("the number of latent classes must be at least 1")
        if self.a_alpha <= 0 or self.b_alpha <= 0:
            raise ValueError("a_alpha and b_alpha must be positive")
        if self.burnin < 0 or self.iterations < 1 or self.thin < 1 or self.chains < 1:
            raise ValueError("burn-in must be >= 0; iterations, thinning and chains >= 1")
        if self.iterations // self.thin < 4:
            raise ValueError("keep at least 4 draws per chain (iterations / thin >= 4)")

    def classes_for(self, n_lists: int) -> int:
        """The truncation level used for a table with ``n_lists`` lists."""
        if self.classes is not None:
            return self.classes
        return min((1 << n_lists) - 1, MAX_CLASSES)


@dataclass(frozen=True, slots=True)
class LcmcrRun:
    """Kept draws by chain: ``n`` (population size), ``alpha``, ``occupied`` (classes in use)."""

    settings: LcmcrSettings
    classes: int
    observed: int
    n: npt.NDArray[np.int64]
    alpha: npt.NDArray[np.float64]
    occupied: npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class _Data:
    on_start: npt.NDArray[np.int64]
    on_lists: npt.NDArray[np.int64]
    freq: npt.NDArray[np.int64]
    observed: int
    marginals: npt.NDArray[np.float64]


def _data(table: CaptureTable) -> _Data:
    starts = [0]
    on: list[int] = []
    for mask, _ in table.cells:
        on += [j for j in range(table.k) if mask >> j & 1]
        starts.append(len(on))
    totals = np.array(table.list_totals(), dtype=np.float64)
    return _Data(
        on_start=np.array(starts, dtype=np.int64),
        on_lists=np.array(on, dtype=np.int64),
        freq=table.counts(),
        observed=table.observed,
        marginals=totals / table.observed,
    )


def _chain(
    data: _Data,
    settings: LcmcrSettings,
    classes: int,
    seed: np.random.SeedSequence,
    report: Progress,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    from gavah.estimate import kernels  # noqa: PLC0415 - numba loads only when LCMCR runs

    rng = np.random.Generator(np.random.PCG64(seed))
    n_lists = data.marginals.shape[0]
    # Start: capture probabilities near each list's share of the observed, jittered per chain
    # so that chains start apart (the reference starts every class at the marginal share).
    p = np.clip(data.marginals, 1e-6, 1 - 1e-6)
    logit = np.log(p / (1 - p))[:, None] + _START_SPREAD * rng.standard_normal((n_lists, classes))
    lam = 1.0 / (1.0 + np.exp(-logit))
    sticks = rng.beta(1.0, 1.0, size=classes - 1)
    log_rest = np.concatenate([[0.0], np.cumsum(np.log1p(-sticks))])
    log_nu = log_rest + np.concatenate([np.log(sticks), [0.0]])
    count0 = np.zeros(classes, dtype=np.int64)
    # The kernel's own uniform stream (xoshiro256+), seeded from the chain's generator.
    stream = rng.bit_generator.random_raw(4)
    if not stream.any():  # the one state xoshiro cannot leave
        stream[0] = 1
    scal = np.zeros(kernels.N_SCALARS)
    scal[kernels.ALPHA] = 1.0
    scal[kernels.A_ALPHA] = settings.a_alpha
    scal[kernels.B_ALPHA] = settings.b_alpha
    keep = settings.iterations // settings.thin
    out_n = np.zeros(keep, dtype=np.int64)
    out_alpha = np.zeros(keep)
    out_kstar = np.zeros(keep, dtype=np.int64)

    def sweep(count: int, thin: int, offset: int) -> int:
        written = 0
        done = 0
        while done < count:
            step = min(_CHUNK, count - done)
            if thin:
                step = max(thin, step - step % thin)
                step = min(step, count - done)
            written += int(
                kernels.sweep_chunk(
                    rng,
                    stream,
                    data.on_start,
                    data.on_lists,
                    data.freq,
                    data.observed,
                    lam,
                    log_nu,
                    count0,
                    scal,
                    step,
                    thin,
                    out_n,
                    out_alpha,
                    out_kstar,
                    offset + written,
                )
            )
            done += step
            report(step)
        return written

    sweep(_WARMUP, 0, 0)
    scal[kernels.UPDATE_ALPHA] = 1.0
    sweep(settings.burnin, 0, 0)
    sweep(keep * settings.thin, settings.thin, 0)
    return out_n, out_alpha, out_kstar


def run_lcmcr(
    table: CaptureTable,
    settings: LcmcrSettings,
    *,
    seed: int | np.random.SeedSequence,
    workers: int = 1,
    progress: Progress | None = None,
) -> LcmcrRun:
    """Fit LCMCR to ``table`` with ``settings.chains`` chains on ``workers`` threads.

    Raises:
        NotEstimableError: fewer than :data:`LCMCR_MIN_LISTS` lists, or a list nobody is on.
        ValueError: invalid settings or ``workers < 1``.
    """
    settings.validate()
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if table.k < LCMCR_MIN_LISTS:
        raise NotEstimableError(
            f"LCMCR needs at least {LCMCR_MIN_LISTS} lists, this table has {table.k}; "
            "use --method loglinear for the two-list (Lincoln-Petersen) estimate"
        )
    empty = table.empty_lists()
    if empty:
        names = ", ".join(repr(table.lists[j]) for j in empty)
        raise NotEstimableError(f"nobody is on {names}; drop the list before estimating")
    from gavah.estimate import kernels  # noqa: PLC0415 - import numba once, before the threads

    del kernels
    classes = settings.classes_for(table.k)
    data = _data(table)
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    seeds = root.spawn(settings.chains)
    lock = threading.Lock()

    def report(step: int) -> None:
        if progress is not None:
            with lock:
                progress(step)

    def one(
        index: int,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
        return _chain(data, settings, classes, seeds[index], report)

    if workers == 1 or settings.chains == 1:
        results = [one(i) for i in range(settings.chains)]
    else:
        with ThreadPoolExecutor(max_workers=min(workers, settings.chains)) as pool:
            results = list(pool.map(one, range(settings.chains)))
    return LcmcrRun(
        settings=settings,
        classes=classes,
        observed=table.observed,
        n=np.stack([r[0] for r in results]),
        alpha=np.stack([r[1] for r in results]),
        occupied=np.stack([r[2] for r in results]),
    )


def total_sweeps(settings: LcmcrSettings) -> int:
    """Sweeps one run performs over all its chains (for a progress bar's total)."""
    keep = settings.iterations // settings.thin
    return settings.chains * (_WARMUP + settings.burnin + keep * settings.thin)


def quantiles(draws: npt.ArrayLike, level: float) -> tuple[float, float, float]:
    """Median and the equal-tailed ``level`` interval of pooled draws.

    Raises:
        ValueError: ``level`` is not in (0, 1).
    """
    if not 0.0 < level < 1.0:
        raise ValueError("level must be in (0, 1)")
    x = np.asarray(draws, dtype=np.float64).ravel()
    tail = (1.0 - level) / 2.0
    lo, mid, hi = np.quantile(x, [tail, 0.5, 1.0 - tail])
    return float(mid), float(lo), float(hi)
