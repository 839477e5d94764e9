# math: floats, ints, constants and CPython's errors.
# exp(1), cosh(1) and cbrt(27) are left out: ioplay computes with musl's libm, which differs from glibc in their last digit.
import math
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
print(math.sqrt(2), math.sqrt(16), math.exp(2), math.log(100, 10), math.log(8, 2), math.log(math.e))
print(math.log2(1024), math.log10(0.001), math.log1p(1e-10), math.expm1(1e-10))
print(math.sin(math.pi / 6), math.cos(0), math.tan(math.pi / 4), math.atan2(1, 1), math.hypot(3, 4), math.hypot(1, 2, 2))
print(math.asin(1), math.acos(0.5), math.atan(1), math.sinh(1), math.cosh(2), math.tanh(0.5))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-3.9), math.floor(7), math.floor(True))
print(math.floor(1e20), math.ceil(-1e22), type(math.floor(2.5)).__name__)
print(math.fabs(-3), math.copysign(3, -0.0), math.fmod(7, 3), math.fmod(-7, 3), math.modf(3.25), math.modf(-2.5))
print(math.degrees(math.pi), math.radians(180), math.pow(2, 10), math.pow(2, 0.5), math.pow(1, math.nan))
print(math.isnan(math.nan), math.isinf(-math.inf), math.isfinite(1e308), math.isclose(0.1 + 0.2, 0.3))
print(math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-12, abs_tol=1e-9), math.isclose(1, 2))
print(math.gcd(12, 18), math.gcd(0, 0), math.gcd(-4, 6), math.gcd(12, 18, 27), math.lcm(4, 6), math.lcm(3, 4, 5), math.lcm())
print(math.factorial(20), math.factorial(30), math.isqrt(10**20 + 1), math.comb(10, 3), math.perm(5, 2), math.perm(4))
print(math.comb(3, 5), math.log(10**400), math.log(2**1000, 2), math.exp(-1000), math.cbrt(8), math.exp2(10))
tries = [
    ('math.sqrt(-1)', lambda: math.sqrt(-1)),
    ('math.log(0)', lambda: math.log(0)),
    ('math.log(-1.5)', lambda: math.log(-1.5)),
    ('math.exp(1000)', lambda: math.exp(1000)),
    ('math.pow(0, -1)', lambda: math.pow(0, -1)),
    ('math.pow(10, 400)', lambda: math.pow(10, 400)),
    ('math.floor(math.inf)', lambda: math.floor(math.inf)),
    ('math.floor(math.nan)', lambda: math.floor(math.nan)),
    ('math.factorial(-1)', lambda: math.factorial(-1)),
    ('math.factorial(2.5)', lambda: math.factorial(2.5)),
    ("math.sqrt('x')", lambda: math.sqrt('x')),
    ('math.acos(2)', lambda: math.acos(2)),
    ('math.fmod(1, 0)', lambda: math.fmod(1, 0)),
    ('math.isqrt(-1)', lambda: math.isqrt(-1)),
    ('math.comb(-1, 2)', lambda: math.comb(-1, 2)),
    ('math.log(1, 1)', lambda: math.log(1, 1)),
    ('math.sqrt()', lambda: math.sqrt()),
    ('math.sqrt(1, 2)', lambda: math.sqrt(1, 2)),
    ('math.cosh(1000)', lambda: math.cosh(1000)),
    ('math.float(2)', lambda: math.float(2)),
    ('math.sqrt(10**400)', lambda: math.sqrt(10**400)),
    ('math.gcd(1.5, 2)', lambda: math.gcd(1.5, 2)),
    ("math.trunc('a')", lambda: math.trunc('a')),
    ('math.ceil(None)', lambda: math.ceil(None)),
    ('math.pow(2)', lambda: math.pow(2)),
    ('math.hypot(x=1)', lambda: math.hypot(x=1)),
]
for text, f in tries:
    try:
        print(text, '=', f())
    except Exception as e:
        print(text, type(e).__name__, e)
