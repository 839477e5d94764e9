# float.as_integer_ratio: exact for tiny, huge and subnormal floats; NaN and infinities raise.
import math
vals = [0.0, -0.0, 0.5, -0.75, 1.0, 3.0, 1e-30, 1e-300, 5e-324, 2.2250738585072014e-308, 1e300, -1.7976931348623157e308, 0.1, 123456.789, 2.0**60, 2.0**-1074]
for v in vals:
    print(repr(v), v.as_integer_ratio())
for bad in (float('nan'), float('inf'), float('-inf')):
    try:
        bad.as_integer_ratio()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
