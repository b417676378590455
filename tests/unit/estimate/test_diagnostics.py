"""R-hat and bulk ESS (Vehtari et al. 2021) on chains whose behaviour is known."""

from __future__ import annotations

import numpy as np
import pytest

from gavah.estimate import assess, ess_bulk, rhat


def ar1(rng: np.random.Generator, chains: int, n: int, rho: float) -> np.ndarray:
    x = np.empty((chains, n))
    x[:, 0] = rng.standard_normal(chains) / np.sqrt(1 - rho**2)
    noise = rng.standard_normal((chains, n))
    for t in range(1, n):
        x[:, t] = rho * x[:, t - 1] + noise[:, t]
    return x


def test_independent_chains_converge_with_full_ess() -> None:
    rng = np.random.default_rng(1)
    draws = rng.standard_normal((4, 1000))
    assert rhat(draws) < 1.01
    assert 3400 < ess_bulk(draws) < 4600
    verdict = assess(draws)
    assert verdict.converged
    assert verdict.verdict == "converged"
    assert len(verdict.chain_medians) == 4


def test_ess_of_an_ar1_chain_matches_its_autocorrelation_time() -> None:
    """For AR(1) with coefficient rho the integrated time is (1 + rho) / (1 - rho)."""
    rng = np.random.default_rng(2)
    rho = 0.9
    draws = ar1(rng, 4, 5000, rho)
    expected = draws.size * (1 - rho) / (1 + rho)
    assert ess_bulk(draws) == pytest.approx(expected, rel=0.25)


def test_a_chain_stuck_elsewhere_is_not_converged_and_says_why() -> None:
    rng = np.random.default_rng(3)
    draws = rng.standard_normal((4, 1000))
    draws[2] += 3.0
    verdict = assess(draws)
    assert verdict.rhat > 1.1
    assert not verdict.converged
    assert any("R-hat" in r for r in verdict.reasons)
    assert verdict.chain_medians[2] > 2.0


def test_a_difference_in_spread_only_is_caught_by_the_folded_rhat() -> None:
    rng = np.random.default_rng(4)
    draws = rng.standard_normal((4, 2000))
    draws[0] *= 3.0
    assert rhat(draws) > 1.01


def test_slow_chains_fail_on_ess() -> None:
    rng = np.random.default_rng(5)
    verdict = assess(ar1(rng, 4, 400, 0.99))
    assert not verdict.converged
    assert any("ESS" in r for r in verdict.reasons)


def test_one_chain_is_never_called_converged() -> None:
    rng = np.random.default_rng(6)
    verdict = assess(rng.standard_normal((1, 4000)))
    assert not verdict.converged
    assert any("one chain" in r for r in verdict.reasons)


def test_constant_draws_and_bad_shapes() -> None:
    assert rhat(np.full((4, 100), 7.0)) == 1.0
    assert ess_bulk(np.full((4, 100), 7.0)) == 400.0
    with pytest.raises(ValueError, match="chains, draws"):
        rhat(np.zeros(100))
    with pytest.raises(ValueError, match="at least 4"):
        ess_bulk(np.zeros((4, 3)))
