# f-string = specifier and conversions with format specs.
x = 10
name = "ann"
items = [1, 2]
print(f"{x=}", f"{x = }", f"{name=}", f"{items=}")
print(f"{x * 2=}", f"{name!r:>8}", f"{name=:>6}")
print(f"{x:#06x}", f"{-x:x}", f"{x/3:.4}", f"{x:e}")
print(f"{'left':<6}|{'right':>7}|")
print(f"{3.0:g} {300000000.0:g} {0.5:.0f} {1.5:.0f} {2.5:.0f}")
