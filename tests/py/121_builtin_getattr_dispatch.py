# A command dispatcher built on getattr, callable and setattr.
class Shell:
    def __init__(self):
        self.history = []

    def do_echo(self, arg):
        return arg

    def do_upper(self, arg):
        return arg.upper()

    def run(self, line):
        command, _, arg = line.partition(" ")
        handler = getattr(self, "do_" + command, None)
        self.history.append(command)
        if handler is None or not callable(handler):
            return "unknown command: " + command
        return handler(arg)


sh = Shell()
for line in ["echo hi there", "upper loud", "missing x", "echo"]:
    print(repr(sh.run(line)))
setattr(sh, "do_twice", lambda arg: arg * 2)
print(sh.run("twice ab"), sh.history)
