# Annotated assignments: the value is bound, the annotation is evaluated and ignored.
count: int = 3
name: str = "ann"
ratio: float
print(count, name)


def f(a: int, b: "str" = "x") -> list:
    local: dict = {}
    local[a] = b
    return [local]


print(f(1))
print(f(2, "y"))
