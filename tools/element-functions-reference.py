#!/usr/bin/env python3
"""Writes the 200-bit reference values ElementFunctionsTest measures exp, tanh and sigmoid against.

Needs mpmath (Debian: python3-mpmath). The tests read the committed file and need no Python.
Usage: tools/element-functions-reference.py > core/src/test/resources/org/rnnlab/kernels/element-functions-reference.csv
"""
import random

import mpmath

mpmath.mp.prec = 200

def sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))

# Ranges cover every branch and the edges between them: tanh's series and exp forms meet at 0.75;
# exp's results go subnormal below -708.4 and overflow above 709.78.
RANGES = {
    "exp": [(-1, 1), (-20, 20), (-700, 700), (-745.1, -700), (700, 709.78)],
    "tanh": [(-1e-6, 1e-6), (-0.3, 0.3), (0.3, 0.75), (0.75, 1.2), (1.2, 5), (5, 22), (-5, 5)],
    "sigmoid": [(-1, 1), (-40, 40), (-745, -700)],
}
FUNCTIONS = {"exp": mpmath.exp, "tanh": mpmath.tanh, "sigmoid": sigmoid}

rng = random.Random(20261122)
print("function,x,reference")
for name, ranges in RANGES.items():
    for lo, hi in ranges:
        for _ in range(400):
            x = rng.uniform(lo, hi)
            print(f"{name},{x.hex()},{mpmath.nstr(FUNCTIONS[name](mpmath.mpf(x)), 30, min_fixed=1, max_fixed=0)}")
