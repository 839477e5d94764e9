a = '中文字符串'
b = '混合 mixed 文本'
x = '中' + '文'
print('结果:', x)
