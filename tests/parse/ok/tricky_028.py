try:
    pass
except (A, B):
    pass
except C as e:
    raise D from e
finally:
    pass
