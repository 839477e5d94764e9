# Decorators, with and without arguments, stacked.
def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper()
    return wrapper


def repeat(times):
    def decorator(func):
        def wrapper(*args):
            return " ".join(func(*args) for _ in range(times))
        return wrapper
    return decorator


@shout
def hello(name):
    return "hello " + name


@repeat(3)
@shout
def ping():
    return "ping"


print(hello("ann"))
print(ping())
calls = []


def register(func):
    calls.append(func.__name__)
    return func


@register
def first():
    pass


@register
def second():
    pass


print(calls)
