# KeyError with a tuple key and a nested subscript with carets.
grid = {(0, 0): "origin"}
rows = [{"a": 1}]
print(grid[0, 0])
print(rows[0]["b"])
