s = '''
multi {x}
'''
t = f'''
{y}
  {z!r}
'''
