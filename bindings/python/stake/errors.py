"""libstake's status codes as Python exceptions.

Generated at import from the library's own error table (stake_error_count,
stake_error_code, stake_errname, stake_strerror, stake_error_family), so a
code added to <stake/errors.h> appears here without a change to Python:

* ``StakeError`` is the base of every libstake error. Its attributes:
  ``code`` (the negative ``STAKE_E*`` value), ``name`` (``"STAKE_EOVERFLOW"``),
  ``family`` (``"arithmetic"``), ``message`` (the library's English text),
  ``detail`` and ``position`` (the stake_error filled by parsers and
  snapshot functions, else None) and ``index`` (the first offending item
  of a batch, else None).
* One subclass per family, named ``Stake<Family>Error``: StakeUsageError,
  StakeMemoryError, StakeParseError, StakeArithmeticError, StakeTokenError,
  StakeQueueError, StakeReportError, StakeIOError. Some also derive from
  the built-in exception of the same idiom: usage and parse errors are
  ValueError, arithmetic errors ArithmeticError, memory errors MemoryError,
  io errors OSError.
* Every code is a module constant (``STAKE_EOVERFLOW == -20``); ``CODES``
  maps names to codes, ``NAMES`` codes to names, ``FAMILIES`` family names
  to classes and ``error_class(code)`` gives the class raised for a code.
"""

from . import _raw

__all__ = ["StakeError", "error_class", "CODES", "NAMES", "FAMILIES"]

# The built-in exception each family also derives from, where an idiom
# exists (``except ValueError`` around parsing, ``except ArithmeticError``
# around arithmetic...). Families not listed derive from StakeError only.
_BUILTIN_BASES = {
    "usage": (ValueError,),
    "parse": (ValueError,),
    "arithmetic": (ArithmeticError,),
    "memory": (MemoryError,),
    "io": (OSError,),
}


class StakeError(Exception):
    """A libstake call failed with a STAKE_E* status code."""

    code = None        #: the STAKE_E* value (negative int)
    name = None        #: its symbolic name, "STAKE_EOVERFLOW"
    family = None      #: its family, "arithmetic"
    message = None     #: the library's description (stake_strerror)
    detail = None      #: the stake_error text of parsers and snapshots, or None
    position = None    #: the stake_error byte offset, or None
    index = None       #: the first offending item of a batch, or None

    def __init__(self, code, detail=None, position=None, index=None):
        code = int(code)
        self.code = code
        self.name = _raw.stake_errname(code)
        self.message = _raw.stake_strerror(code)
        self.family = _raw.stake_family_name(_raw.stake_error_family(code))
        self.detail = detail
        self.position = position
        self.index = index
        text = "%s: %s" % (self.name, self.message)
        if detail:
            text += " (%s)" % detail
        if index is not None:
            text += " [item %d]" % index
        super().__init__(text)

    def __reduce__(self):
        return (type(self), (self.code, self.detail, self.position, self.index))

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, self.name)


def _class_name(family):
    return "Stake" + (family.upper() if len(family) <= 2 else family.capitalize()) + "Error"


FAMILIES = {}      # family name -> class
CODES = {}         # "STAKE_EOVERFLOW" -> -20
NAMES = {}         # -20 -> "STAKE_EOVERFLOW"
_BY_CODE = {}      # -20 -> StakeArithmeticError

for _i in range(_raw.stake_error_count()):
    _code = _raw.stake_error_code(_i)
    _name = _raw.stake_errname(_code)
    CODES[_name] = _code
    NAMES[_code] = _name
    globals()[_name] = _code
    __all__.append(_name)
    if _code == 0:
        continue
    _family = _raw.stake_family_name(_raw.stake_error_family(_code))
    _cls = FAMILIES.get(_family)
    if _cls is None:
        _cls = type(_class_name(_family), (StakeError,) + _BUILTIN_BASES.get(_family, ()), {
            "__module__": __name__,
            "__doc__": "libstake errors of the %r family." % _family,
        })
        FAMILIES[_family] = _cls
        globals()[_cls.__name__] = _cls
        __all__.append(_cls.__name__)
    _BY_CODE[_code] = _cls
del _i, _code, _name, _family, _cls


def error_class(code):
    """The exception class raised for a status code (StakeError if unknown)."""
    return _BY_CODE.get(int(code), StakeError)


_raw._register_errors(StakeError, _BY_CODE)
