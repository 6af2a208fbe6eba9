"""Run a training script only as far as its command-line parsing, and report what it parsed.

Reads one JSON request on stdin: {"source": <script text>, "path": <script file name>, and
either "argv": [<arguments after the script>] or "command": <a shell command line running the
script>, split as the shell would (shlex) and taken after the word naming the script}, or a list
of such requests (run one after another in one process). Writes one JSON line on stdout, the
result or the list of results:

  {"status": "parsed", "how": "parse_args" | "parse_known_args" | "click" | "valohai-utils",
   "values": {...}, "extra": [...]}     the parser accepted the arguments; values by dest
  {"status": "refused", "message": ...}  the parser refused them (argparse's / click's error text)
  {"status": "no-parse", ...}            the script finished without parsing a command line
  {"status": "crashed", "error": ...}    something else went wrong before parsing

The script is executed with __name__ == "__main__" and sys.argv set, but it never gets past the
parsing: argparse's parse_args / parse_known_args, click's Command.invoke and valohai-utils'
prepare() raise as soon as the command line is read. Modules that are not installed (torch,
tensorflow, the script's own helpers...) are replaced by stubs that accept any use, so only the
standard library, click (when installed) and the script's own top-level code run. valohai-utils
is not installed here: `valohai.prepare` is replaced by a copy of how valohai-utils 0.x reads its
command line (valohai/internals/global_state_loader.py, parse_overrides_from_cli: one
`--name` option per parameter, bool parameters with string_to_bool and nargs='?', lists split at
commas, everything read with parse_known_args).
"""
import argparse
import importlib.abc
import importlib.machinery
import json
import shlex
import sys
import types


class Parsed(BaseException):
    def __init__(self, values, extra, how):
        super().__init__(how)
        self.values = values
        self.extra = extra
        self.how = how


class Refused(BaseException):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


# ---- stubs for modules that are not installed ------------------------------------------------

def _is_dunder(name):
    return name.startswith('__') and name.endswith('__')


class _StubMeta(type):
    def __getattr__(cls, name):
        if _is_dunder(name):
            raise AttributeError(name)
        return _new_stub(name)

    def __iter__(cls):
        return iter(())

    def __len__(cls):
        return 0

    def __bool__(cls):
        return False

    def __getitem__(cls, key):
        return _Stub()


class _Stub(metaclass=_StubMeta):
    """Anything: callable, subscriptable, iterable (empty), usable as a base class or a decorator."""

    def __init__(self, *args, **kwargs):
        pass

    def __call__(self, *args, **kwargs):
        # Used as a decorator: keep the decorated function.
        if len(args) == 1 and not kwargs and isinstance(args[0], (types.FunctionType, type)):
            return args[0]
        return _Stub()

    def __getattr__(self, name):
        if _is_dunder(name):
            raise AttributeError(name)
        return _Stub()

    def __getitem__(self, key):
        return _Stub()

    def __setitem__(self, key, value):
        pass

    def __iter__(self):
        return iter(())

    def __len__(self):
        return 0

    def __bool__(self):
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def __int__(self):
        return 0

    def __index__(self):
        return 0

    def __float__(self):
        return 0.0

    def _same(self, *args):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __pow__ = __neg__ = _same
    __lt__ = __le__ = __gt__ = __ge__ = lambda self, other: False


def _new_stub(name):
    return _StubMeta(str(name), (_Stub,), {})


class _StubModule(types.ModuleType):
    def __init__(self, name):
        super().__init__(name)
        self.__path__ = []

    def __getattr__(self, name):
        if _is_dunder(name):
            raise AttributeError(name)
        value = _new_stub(name)
        setattr(self, name, value)
        return value


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Last on sys.meta_path: whatever the real finders cannot find becomes a stub."""

    def find_spec(self, fullname, path, target=None):
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        return _StubModule(spec.name)

    def exec_module(self, module):
        pass


# ---- valohai-utils' command line ----------------------------------------------------------------

def _string_to_bool(value):
    return value.lower() != 'false'


def _valohai_prepare(*, step=None, default_parameters=None, default_inputs=None, image=None, environment=None, **_):
    parser = argparse.ArgumentParser()
    for name in (default_inputs or {}):
        parser.add_argument(f'--{name}', type=str, nargs='+')
    for name, value in (default_parameters or {}).items():
        explicit = value.get('type') if isinstance(value, dict) else None
        if isinstance(value, dict):
            value = value.get('default')
        if isinstance(value, bool) or explicit == 'flag':
            parser.add_argument(f'--{name}', type=_string_to_bool, nargs='?', const=True)
        elif isinstance(value, list):
            parser.add_argument(f'--{name}', type=lambda s: str(s).split(','))
        elif value is None:
            converter = {'integer': int, 'float': float, 'string': str}.get(explicit)
            parser.add_argument(f'--{name}', type=converter)
        else:
            parser.add_argument(f'--{name}', type=type(value))
    known, unknown = _original_known(parser)
    raise Parsed(vars(known), unknown, 'valohai-utils')


def _fake_valohai():
    module = _StubModule('valohai')
    module.prepare = _valohai_prepare
    return module


# ---- argparse and click: stop at the parse --------------------------------------------------------

_original_known_args = argparse.ArgumentParser.parse_known_args
_depth = [0]


def _original_known(parser, args=None, namespace=None):
    _depth[0] += 1
    try:
        return _original_known_args(parser, args, namespace)
    finally:
        _depth[0] -= 1


def _parse_known_args(self, args=None, namespace=None):
    if _depth[0]:
        # A sub-parser of the parser being read: let argparse do its work.
        return _original_known_args(self, args, namespace)
    namespace, extra = _original_known(self, args, namespace)
    raise Parsed(vars(namespace), extra, 'parse_known_args')


def _parse_args(self, args=None, namespace=None):
    namespace, extra = _original_known(self, args, namespace)
    if extra:
        self.error('unrecognized arguments: %s' % ' '.join(extra))
    raise Parsed(vars(namespace), [], 'parse_args')


def _error(self, message):
    raise Refused(message)


def _patch_argparse():
    argparse.ArgumentParser.parse_known_args = _parse_known_args
    argparse.ArgumentParser.parse_args = _parse_args
    argparse.ArgumentParser.error = _error


def _patch_click():
    try:
        import click
        import click.core
    except ImportError:
        return None

    def invoke(self, ctx):
        raise Parsed(dict(ctx.params), list(ctx.args), 'click')

    click.core.Command.invoke = invoke
    for cls in (vars(click.core).get('BaseCommand'), click.core.Command):
        if cls is None or 'main' not in cls.__dict__:
            continue
        original = cls.__dict__['main']

        def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, _original=original, **extra):
            return _original(self, args, prog_name, complete_var, standalone_mode=False, **extra)

        cls.main = main
    return click


def _jsonable(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return repr(value)


def run(request, click):
    path = request.get('path', 'script.py')
    if 'command' in request:
        words = shlex.split(request['command'])
        argv = words[words.index(path) + 1:]
    else:
        argv = list(request['argv'])
    sys.argv = [path] + argv
    _depth[0] = 0
    click_errors = (click.exceptions.ClickException, click.exceptions.Abort) if click else ()
    result = {'status': 'no-parse'}
    try:
        code = compile(request['source'], path, 'exec')
        exec(code, {'__name__': '__main__', '__file__': path})
    except Parsed as p:
        result = {'status': 'parsed', 'how': p.how, 'values': _jsonable(p.values), 'extra': list(p.extra)}
    except Refused as r:
        result = {'status': 'refused', 'message': r.message}
    except click_errors as e:
        message = e.format_message() if hasattr(e, 'format_message') else str(e)
        result = {'status': 'refused', 'message': message}
    except SystemExit as e:
        result = {'status': 'no-parse', 'exit': str(e.code)}
    except BaseException as e:  # noqa: B902 - anything the script's top level raises
        result = {'status': 'crashed', 'error': '%s: %s' % (type(e).__name__, e)}
    return result


def main():
    request = json.load(sys.stdin)
    sys.modules['valohai'] = _fake_valohai()
    sys.meta_path.append(_StubFinder())
    _patch_argparse()
    click = _patch_click()
    if isinstance(request, list):
        results = [run(r, click) for r in request]
    else:
        results = run(request, click)
    sys.stdout.write(json.dumps(results) + '\n')


if __name__ == '__main__':
    main()
