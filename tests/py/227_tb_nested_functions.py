# A traceback through several function frames and a method.
class Parser:
    def parse(self, text):
        return [self.item(t) for t in text.split(",")]

    def item(self, token):
        return int(token)


def main():
    p = Parser()
    print(p.parse("1,2,3"))
    print(p.parse("4,five"))


main()
