s = '''abc

x
