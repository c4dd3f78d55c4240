"""Signalling games: a sender with private types sends a message, a receiver who sees only the message acts.

:mod:`~negsolve.signalling.structure` recognises such a game in a negsolve tree,
:mod:`~negsolve.signalling.equilibria` lists its perfect Bayesian equilibria exactly,
:mod:`~negsolve.signalling.intuitive` applies the Intuitive Criterion, and
:mod:`~negsolve.signalling.region` gives the parameter region where a pooling or separating equilibrium exists.
"""
