# Rounding when formatting floats: round-half-even on the binary value.
for v in [0.125, 0.375, 2.675, 1.005, 1.115, -0.5, 1e-7, 123.456]:
    print(repr(v), f"{v:.2f}", "%.1f" % v, format(v, ".3g"), round(v, 2))
print(f"{1/3:.15f} {2/3:.17f} {0.1:.20f}")
print(f"{1e300 * 1e10} {-1e300 * 1e10:.2f} {float('nan'):+.1f}")
