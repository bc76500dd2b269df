"""Matching initiatives with the organisations that could help them.

``engine`` scores whole arrays (NumPy and SciPy, no Django); ``weights`` holds
the weights and the algorithm's version in one place.
"""
