# The standard exception hierarchy, as the lessons use it.
classes = [StopIteration, GeneratorExit, KeyboardInterrupt, SystemExit, ZeroDivisionError,
           OverflowError, IndexError, KeyError, NameError, UnboundLocalError, TypeError,
           ValueError, AttributeError, RuntimeError, RecursionError, NotImplementedError,
           AssertionError, EOFError, MemoryError, ImportError, ModuleNotFoundError,
           UnicodeDecodeError, OSError, BlockingIOError, ConnectionError, ConnectionRefusedError,
           ConnectionResetError, BrokenPipeError, TimeoutError, InterruptedError]
for cls in classes:
    chain = [k.__name__ for k in cls.__mro__[1:-1]]
    print(f"{cls.__name__:24} <- {', '.join(chain)}")
