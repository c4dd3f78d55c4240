"""Beliefs on game trees: assessments, perfect Bayesian and sequential equilibrium, exact.

``assess(tree, plan, params=None) -> Assessment`` is the entry point
(:mod:`negsolve.beliefs.assessment`); :func:`negsolve.beliefs.tree_assessments.tree_assessments`
turns every equilibrium a tree solver lists into one.
"""

from negsolve.beliefs.assessment import Assessment, InformationSetBeliefs, assess

__all__ = ["Assessment", "InformationSetBeliefs", "assess"]
