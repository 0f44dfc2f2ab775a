#!/usr/bin/env python3
"""Writes rram-synthetic.csv: SYNTHETIC resistances of 1,000 LRS (on) and 1,000 HRS (off) devices.

Not measured data. Shapes chosen to differ from a plain lognormal the way published RRAM cumulative
distributions often look qualitatively: a narrow LRS with a heavier upper tail, a wide HRS with a lower
tail of partially reset devices. Deterministic (Python's random, seed 20261206). Run: python3 make_rram_synthetic.py
"""
import math
import random

rng = random.Random(20261206)


def lognormal(median, cv):
    s = math.sqrt(math.log(1 + cv * cv))
    return median * math.exp(s * rng.gauss(0, 1))


def lrs():
    # 85% core (CV 0.10) around 10 kΩ, 15% upper tail (CV 0.25, median 13 kΩ)
    return lognormal(10e3, 0.10) if rng.random() < 0.85 else lognormal(13e3, 0.25)


def hrs():
    # 80% core (CV 0.35) around 100 kΩ, 20% partially reset (CV 0.6, median 50 kΩ)
    return lognormal(100e3, 0.35) if rng.random() < 0.80 else lognormal(50e3, 0.6)


lines = [
    "# SYNTHETIC example of an empirical device file (not measured data): see make_rram_synthetic.py",
    "# LRS: 0.85*lognormal(median 10k, CV 0.10) + 0.15*lognormal(median 13k, CV 0.25)",
    "# HRS: 0.80*lognormal(median 100k, CV 0.35) + 0.20*lognormal(median 50k, CV 0.6); seed 20261206",
    "state,resistance",
]
lines += [f"on,{lrs():.4g}" for _ in range(1000)]
lines += [f"off,{hrs():.4g}" for _ in range(1000)]
with open("rram-synthetic.csv", "w", newline="\n") as f:
    f.write("\n".join(lines) + "\n")
