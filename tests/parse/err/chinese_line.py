print('你好' 'x' 1)
