/*
 * bindings/python/python.i: the Python side of the SWIG interface.
 *
 * Builds the extension module stake._raw and its proxy stake/raw.py: every
 * public function of libstake under its C name, with
 *
 *   - stake_u256 (in, out and struct members) as Python int, refusing
 *     bool, float, str, negatives and values >= 2^256;
 *   - stake_address as 20 bytes or a "0x" + 40 hex digits str in, a
 *     lower-case "0x..." str out;
 *   - output parameters returned (one value, or a tuple in C order);
 *   - every stake_rc != STAKE_OK raised as a stake.errors.StakeError
 *     subclass (with the stake_error detail of the parsers and snapshot
 *     functions in the message);
 *   - handles (stake_ledger ** etc.) returned as non-owning SWIG pointers:
 *     the Pythonic classes in stake/__init__.py own and free them.
 *
 * plus hand-written fast paths (muldiv, convert_buffer, pack, unpack) that
 * the Pythonic layer uses. Everything language-neutral is in ../stake.i,
 * included LAST so that these typemaps apply to the headers.
 */
%module(package="stake", docstring="Raw SWIG wrapper of libstake: every public C function under its C name. Use the Pythonic API in the stake package instead.") raw

/* Docstrings show the C prototype: a "-> stake_rc" function returns its
 * output parameters (None, one value, or a tuple) and raises on error. */
%feature("autodoc", "1");
/* Struct proxies refuse unknown attributes: a misspelt field raises
 * AttributeError instead of being silently ignored. */
%pythonnondynamic;

%begin %{
#define PY_SSIZE_T_CLEAN
%}

%{
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stake.h>

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#  define STAKE_PY_LITTLE_ENDIAN 1
#else
#  define STAKE_PY_LITTLE_ENDIAN 0
#endif

/* ==== Python int <-> stake_u256 =========================================
 * CPython 3.11 and older: straight from and to the int's 30-bit digits (no
 * method lookup, no temporary bytes). 3.12: the byte-array helpers. 3.13
 * and later: the public native-bytes API. */

static PyObject *stake_py_u256_to_int(const stake_u256 *a)
{
    if ((a->w[1] | a->w[2] | a->w[3]) == 0)
        return PyLong_FromUnsignedLongLong(a->w[0]);
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
    {
        int top = a->w[3] ? 3 : a->w[2] ? 2 : 1;
        unsigned bits = 64u * (unsigned)top + (64u - (unsigned)__builtin_clzll(a->w[top]));
        Py_ssize_t nd = (Py_ssize_t)((bits + PyLong_SHIFT - 1) / PyLong_SHIFT), i;
        PyLongObject *v = _PyLong_New(nd);
        unsigned bit = 0;
        if (!v)
            return NULL;
        for (i = 0; i < nd; i++, bit += PyLong_SHIFT) {
            unsigned limb = bit / 64, off = bit % 64;
            uint64_t d = a->w[limb] >> off;
            if (off + PyLong_SHIFT > 64 && limb < 3)
                d |= a->w[limb + 1] << (64 - off);
            v->ob_digit[i] = (digit)(d & PyLong_MASK);
        }
        return (PyObject *)v;
    }
#else
    {
        unsigned char le[32];
        int i;
        for (i = 0; i < 32; i++)
            le[i] = (unsigned char)(a->w[i / 8] >> (8 * (i % 8)));
#  if PY_VERSION_HEX >= 0x030D0000
        return PyLong_FromUnsignedNativeBytes(le, 32, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
#  else
        return _PyLong_FromByteArray(le, 32, 1, 0);
#  endif
    }
#endif
}

static int stake_py_refuse_negative(void)
{
    PyErr_SetString(PyExc_OverflowError,
                    "a 256-bit unsigned integer cannot be negative");
    return -1;
}

static int stake_py_refuse_too_big(void)
{
    PyErr_SetString(PyExc_OverflowError,
                    "a 256-bit unsigned integer must be below 2**256");
    return -1;
}

/* v is an int (PyLong_Check), not a bool. */
static int stake_py_long_to_u256(PyObject *v, stake_u256 *out)
{
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
    Py_ssize_t nd = Py_SIZE(v), i;
    const digit *d = ((PyLongObject *)v)->ob_digit;
    stake_u256 r = { { 0, 0, 0, 0 } };
    unsigned bit = 0;
    if (nd < 0)
        return stake_py_refuse_negative();
    if (nd > 9 || (nd == 9 && (d[8] >> (256 - 8 * PyLong_SHIFT)) != 0))
        return stake_py_refuse_too_big();
    for (i = 0; i < nd; i++, bit += PyLong_SHIFT) {
        unsigned limb = bit / 64, off = bit % 64;
        r.w[limb] |= (uint64_t)d[i] << off;
        if (off + PyLong_SHIFT > 64 && limb < 3)
            r.w[limb + 1] |= (uint64_t)d[i] >> (64 - off);
    }
    *out = r;
    return 0;
#else
    unsigned char le[32];
    int i;
#  if PY_VERSION_HEX >= 0x030D0000
    Py_ssize_t need = PyLong_AsNativeBytes(v, le, 32,
        Py_ASNATIVEBYTES_LITTLE_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER |
        Py_ASNATIVEBYTES_REJECT_NEGATIVE);
    if (need < 0) {
        if (PyErr_ExceptionMatches(PyExc_ValueError)) {
            PyErr_Clear();
            return stake_py_refuse_negative();
        }
        return -1;
    }
    if (need > 32)
        return stake_py_refuse_too_big();
#  else
    if (_PyLong_Sign(v) < 0)
        return stake_py_refuse_negative();
    if (_PyLong_NumBits(v) > 256)
        return stake_py_refuse_too_big();
    if (_PyLong_AsByteArray((PyLongObject *)v, le, 32, 1, 0) < 0)
        return -1;
#  endif
    for (i = 0; i < 4; i++) {
        uint64_t w = 0;
        int j;
        for (j = 7; j >= 0; j--)
            w = (w << 8) | le[8 * i + j];
        out->w[i] = w;
    }
    return 0;
#endif
}

/* Any Python int (or object with __index__, such as numpy.uint64), except
 * bool: TypeError for bool, float, str and the like. */
static int stake_py_to_u256(PyObject *o, stake_u256 *out)
{
    PyObject *idx;
    int rc;
    if (PyLong_CheckExact(o))
        return stake_py_long_to_u256(o, out);
    if (PyBool_Check(o) || strcmp(Py_TYPE(o)->tp_name, "numpy.bool_") == 0 ||
        strcmp(Py_TYPE(o)->tp_name, "numpy.bool") == 0) {
        PyErr_SetString(PyExc_TypeError,
                        "expected an int for a 256-bit value, got a bool");
        return -1;
    }
    if (PyLong_Check(o))
        return stake_py_long_to_u256(o, out);
    if (PyFloat_Check(o) || PyUnicode_Check(o) || PyBytes_Check(o) ||
        Py_TYPE(o)->tp_as_number == NULL || Py_TYPE(o)->tp_as_number->nb_index == NULL) {
        PyErr_Format(PyExc_TypeError,
                     "expected an int for a 256-bit value, got %.100s",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    idx = PyNumber_Index(o);
    if (!idx)
        return -1;
    rc = stake_py_long_to_u256(idx, out);
    Py_DECREF(idx);
    return rc;
}

/* ==== addresses =========================================================== */

static void stake_py_raise(int rc, const stake_error *detail, Py_ssize_t index);
static stake_u256 *stake_py_array_from(PyObject *seq, size_t *n_out);

static PyObject *stake_py_address_to_str(const stake_address *a)
{
    char buf[STAKE_ADDRESS_HEX_SIZE];
    if (stake_address_to_hex(buf, sizeof buf, a) != STAKE_OK) {
        PyErr_SetString(PyExc_SystemError, "stake_address_to_hex failed");
        return NULL;
    }
    return PyUnicode_FromStringAndSize(buf, (Py_ssize_t)strlen(buf));
}

/* 20 bytes (bytes, bytearray, memoryview...) or "0x" + 40 hex digits. */
static int stake_py_to_address(PyObject *o, stake_address *out)
{
    if (PyUnicode_Check(o)) {
        Py_ssize_t len;
        stake_error err;
        stake_rc rc;
        const char *s = PyUnicode_AsUTF8AndSize(o, &len);
        if (!s)
            return -1;
        if ((size_t)len != strlen(s)) {
            PyErr_SetString(PyExc_ValueError, "embedded null character in address");
            return -1;
        }
        memset(&err, 0, sizeof err);
        rc = stake_address_from_hex(out, s, &err);
        if (rc != STAKE_OK) {
            stake_py_raise(rc, &err, -1);
            return -1;
        }
        return 0;
    }
    if (PyObject_CheckBuffer(o)) {
        Py_buffer view;
        if (PyObject_GetBuffer(o, &view, PyBUF_SIMPLE) < 0)
            return -1;
        if (view.len != STAKE_ADDRESS_BYTES) {
            PyErr_Format(PyExc_ValueError, "an address is %d bytes, got %zd",
                         STAKE_ADDRESS_BYTES, view.len);
            PyBuffer_Release(&view);
            return -1;
        }
        memcpy(out->bytes, view.buf, STAKE_ADDRESS_BYTES);
        PyBuffer_Release(&view);
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "expected an address (20 bytes or a '0x' + 40 hex digits str), got %.100s",
                 Py_TYPE(o)->tp_name);
    return -1;
}

/* ==== errors ===============================================================
 * stake/errors.py builds the exception classes from the library's table and
 * registers them here with _register_errors(base, {code: class}). */

static PyObject *stake_py_error_base = NULL;
static PyObject *stake_py_error_classes = NULL;

/* The stake_error of the call being wrapped, if it takes one: set by the
 * check typemap of its (last) stake_error * parameter, read and cleared by
 * the stake_rc out typemap right after the call. The GIL is held between
 * the two, so a plain static is safe. */
static stake_error *stake_py_detail_slot = NULL;

static void stake_py_raise(int rc, const stake_error *detail, Py_ssize_t index)
{
    PyObject *cls = NULL, *exc, *dobj = Py_None, *pobj = Py_None, *iobj = Py_None;
    if (stake_py_error_classes) {
        PyObject *key = PyLong_FromLong(rc);
        if (!key)
            return;
        cls = PyDict_GetItemWithError(stake_py_error_classes, key);
        Py_DECREF(key);
        if (!cls && PyErr_Occurred())
            return;
    }
    if (!cls)
        cls = stake_py_error_base;
    if (!cls) {
        PyErr_Format(PyExc_RuntimeError, "%s: %s", stake_errname(rc), stake_strerror(rc));
        return;
    }
    Py_INCREF(Py_None);
    Py_INCREF(Py_None);
    Py_INCREF(Py_None);
    if (detail && detail->text[0]) {
        size_t n = strnlen(detail->text, sizeof detail->text);
        PyObject *t = PyUnicode_DecodeUTF8(detail->text, (Py_ssize_t)n, "replace");
        PyObject *p = PyLong_FromSize_t(detail->position);
        if (!t || !p) {
            Py_XDECREF(t);
            Py_XDECREF(p);
            goto done;
        }
        Py_DECREF(dobj);
        Py_DECREF(pobj);
        dobj = t;
        pobj = p;
    }
    if (index >= 0) {
        PyObject *i = PyLong_FromSsize_t(index);
        if (!i)
            goto done;
        Py_DECREF(iobj);
        iobj = i;
    }
    exc = PyObject_CallFunction(cls, "iOOO", rc, dobj, pobj, iobj);
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
done:
    Py_DECREF(dobj);
    Py_DECREF(pobj);
    Py_DECREF(iobj);
}

/* A list of several outputs becomes a tuple (no single output is a list). */
static PyObject *stake_py_outputs(PyObject *result)
{
    if (result && PyList_CheckExact(result)) {
        PyObject *t = PyList_AsTuple(result);
        Py_DECREF(result);
        return t;
    }
    return result;
}

/* str (UTF-8) or bytes, without embedded NUL, for const char * inputs. */
static int stake_py_to_cstr(PyObject *o, const char **out)
{
    Py_ssize_t len;
    const char *s;
    if (PyUnicode_Check(o)) {
        s = PyUnicode_AsUTF8AndSize(o, &len);
        if (!s)
            return -1;
    } else if (PyBytes_Check(o)) {
        s = PyBytes_AS_STRING(o);
        len = PyBytes_GET_SIZE(o);
    } else {
        PyErr_Format(PyExc_TypeError, "expected str, got %.100s", Py_TYPE(o)->tp_name);
        return -1;
    }
    if ((size_t)len != strlen(s)) {
        PyErr_SetString(PyExc_ValueError, "embedded null character");
        return -1;
    }
    *out = s;
    return 0;
}
%}

/* ==== typemaps ==============================================================
 * stake_rc: raise on error, else the outputs (None, one value or a tuple). */
%typemap(out, noblock=1) stake_rc {
  {
    stake_error *stake_py_detail = stake_py_detail_slot;
    stake_py_detail_slot = NULL;
    if ($1 != STAKE_OK) {
      stake_py_raise($1, stake_py_detail, -1);
      SWIG_fail;
    }
  }
  $result = SWIG_Py_Void();
}
%typemap(ret, noblock=1) stake_rc {
  resultobj = stake_py_outputs(resultobj);
}

/* stake_error *err: filled by the call, reported in the exception. */
%typemap(in, numinputs=0, noblock=1) stake_error * (stake_error temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(check, noblock=1) stake_error * {
  stake_py_detail_slot = $1;
}

/* stake_u256: int in, int out. */
%typemap(in, noblock=1) const stake_u256 * (stake_u256 temp) {
  if (stake_py_to_u256($input, &temp) < 0) SWIG_fail;
  $1 = &temp;
}
%typemap(argout) const stake_u256 * "";
%typemap(in, noblock=1) stake_u256 {
  if (stake_py_to_u256($input, &$1) < 0) SWIG_fail;
}
%typemap(out, noblock=1) stake_u256 {
  $result = stake_py_u256_to_int(&$1);
  if (!$result) SWIG_fail;
}
/* Any other stake_u256 * is an output parameter (arrays are hand-written
 * below). */
%typemap(in, numinputs=0, noblock=1) stake_u256 * (stake_u256 temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout, noblock=1) stake_u256 * {
  {
    PyObject *o = stake_py_u256_to_int($1);
    if (!o) SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* stake_address: 20 bytes or "0x..." in, "0x..." out. */
%typemap(in, noblock=1) const stake_address * (stake_address temp) {
  if (stake_py_to_address($input, &temp) < 0) SWIG_fail;
  $1 = &temp;
}
%typemap(argout) const stake_address * "";
%typemap(in, noblock=1) stake_address {
  if (stake_py_to_address($input, &$1) < 0) SWIG_fail;
}
%typemap(out, noblock=1) stake_address {
  $result = stake_py_address_to_str(&$1);
  if (!$result) SWIG_fail;
}
%typemap(in, numinputs=0, noblock=1) stake_address * (stake_address temp) {
  memset(&temp, 0, sizeof temp);
  $1 = &temp;
}
%typemap(argout, noblock=1) stake_address * {
  {
    PyObject *o = stake_py_address_to_str($1);
    if (!o) SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* Struct members of these types are read and written by value (ints and
 * address strings), not as pointers. */
%naturalvar stake_u256;
%naturalvar stake_address;

/* Handles: T **out is a new object returned as a (non-owning) pointer. */
%typemap(in, numinputs=0, noblock=1) SWIGTYPE **out ($*1_ltype temp = NULL) {
  $1 = &temp;
}
%typemap(argout, noblock=1) SWIGTYPE **out {
  $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr(*$1), $*1_descriptor, 0));
}

/* Strings. */
%typemap(in, noblock=1) const char * {
  if (stake_py_to_cstr($input, (const char **)&$1) < 0) SWIG_fail;
}
%typemap(freearg) const char * ""
%typemap(in, noblock=1) const char *path (PyObject *bytes = NULL) {
  if (!PyUnicode_FSConverter($input, &bytes)) SWIG_fail;
  $1 = PyBytes_AS_STRING(bytes);
}
%typemap(freearg, noblock=1) const char *path {
  Py_XDECREF(bytes$argnum);
}
%typemap(in, numinputs=0, noblock=1) const char ** (const char *temp = NULL) {
  $1 = ($1_ltype)&temp;
}
%typemap(argout, noblock=1) const char ** {
  {
    PyObject *o = *$1 ? PyUnicode_FromString(*$1) : SWIG_Py_Void();
    if (!o) SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o);
  }
}
%typemap(in, numinputs=0, noblock=1) (char *buf, size_t size) (char temp[256]) {
  temp[0] = '\0';
  $1 = temp;
  $2 = sizeof temp;
}
%typemap(argout, noblock=1) (char *buf, size_t size) {
  {
    PyObject *o = PyUnicode_FromString($1);
    if (!o) SWIG_fail;
    $result = SWIG_Python_AppendOutput($result, o);
  }
}

/* 32-byte big-endian words. */
%typemap(in, noblock=1) const uint8_t [ANY] (Py_buffer view, int have_view = 0) {
  if (PyObject_GetBuffer($input, &view, PyBUF_SIMPLE) < 0) SWIG_fail;
  have_view = 1;
  if (view.len != $1_dim0) {
    PyErr_Format(PyExc_ValueError, "expected %d bytes, got %zd", (int)$1_dim0, view.len);
    PyBuffer_Release(&view);
    SWIG_fail;
  }
  $1 = ($1_ltype)view.buf;
}
%typemap(argout) const uint8_t [ANY] "";
%typemap(freearg, noblock=1) const uint8_t [ANY] {
  if (have_view$argnum) PyBuffer_Release(&view$argnum);
}
%typemap(in, numinputs=0, noblock=1) uint8_t [ANY] (uint8_t temp[$1_dim0]) {
  memset(temp, 0, sizeof temp);
  $1 = temp;
}
%typemap(argout, noblock=1) uint8_t [ANY] {
  $result = SWIG_Python_AppendOutput($result, PyBytes_FromStringAndSize((const char *)$1, $1_dim0));
}

/* Scalar output parameters: any non-const pointer to an integer or an
 * enum (arrays of them are hand-written below or multi-argument). */
%typemap(in, numinputs=0, noblock=1) uint64_t * (uint64_t temp = 0), int * (int temp = 0),
                                     size_t * (size_t temp = 0), unsigned * (unsigned temp = 0) {
  $1 = &temp;
}
%typemap(argout, noblock=1) uint64_t * {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromUnsignedLongLong(*$1));
}
%typemap(argout, noblock=1) size_t * {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromSize_t(*$1));
}
%typemap(argout, noblock=1) unsigned * {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromUnsignedLong(*$1));
}
%typemap(argout, noblock=1) int * {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromLong(*$1));
}
/* ... while a const pointer to one integer is an input. */
%typemap(in, noblock=1) const uint64_t * (uint64_t temp), const size_t * (size_t temp),
                        const unsigned * (unsigned temp) {
  if (PyBool_Check($input) || !PyLong_Check($input)) {
    PyErr_Format(PyExc_TypeError, "expected an int, got %.100s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  {
    unsigned long long v = PyLong_AsUnsignedLongLong($input);
    if (PyErr_Occurred()) SWIG_fail;
    temp = ($*1_ltype)v;
    if ((unsigned long long)temp != v) { PyErr_SetString(PyExc_OverflowError, "value out of range"); SWIG_fail; }
  }
  $1 = &temp;
}
%typemap(in, noblock=1) const int * (int temp) {
  if (PyBool_Check($input) || !PyLong_Check($input)) {
    PyErr_Format(PyExc_TypeError, "expected an int, got %.100s", Py_TYPE($input)->tp_name);
    SWIG_fail;
  }
  {
    long v = PyLong_AsLong($input);
    if (PyErr_Occurred()) SWIG_fail;
    if (v < INT_MIN || v > INT_MAX) { PyErr_SetString(PyExc_OverflowError, "value out of range"); SWIG_fail; }
    temp = (int)v;
  }
  $1 = &temp;
}
%typemap(argout) const uint64_t *, const size_t *, const unsigned *, const int * "";
%typemap(in, numinputs=0, noblock=1) enum SWIGTYPE * (int temp = 0) {
  $1 = ($1_ltype)&temp;
}
%typemap(argout, noblock=1) enum SWIGTYPE * {
  $result = SWIG_Python_AppendOutput($result, PyLong_FromLong((long)*$1));
}

/* Arrays of uint64_t: (const uint64_t *x, size_t n) from a sequence of
 * ints; fixed-size struct members as lists. */
%{
static uint64_t *stake_py_u64_array_from(PyObject *seq, size_t *n_out)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of ints");
    uint64_t *v;
    Py_ssize_t n, i;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    v = PyMem_Malloc(sizeof *v * (size_t)(n ? n : 1));
    if (!v) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (i = 0; i < n; i++) {
        PyObject *o = PySequence_Fast_GET_ITEM(fast, i);
        if (PyBool_Check(o) || !PyLong_Check(o)) {
            PyErr_Format(PyExc_TypeError, "item %zd: expected an int, got %.100s", i,
                         Py_TYPE(o)->tp_name);
            goto fail;
        }
        v[i] = PyLong_AsUnsignedLongLong(o);
        if (v[i] == (uint64_t)-1 && PyErr_Occurred())
            goto fail;
    }
    Py_DECREF(fast);
    *n_out = (size_t)n;
    return v;
fail:
    PyMem_Free(v);
    Py_DECREF(fast);
    return NULL;
}

static PyObject *stake_py_u64_list_from(const uint64_t *v, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    size_t i;
    if (!list)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *o = PyLong_FromUnsignedLongLong(v[i]);
        if (!o) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, o);
    }
    return list;
}
%}
%typemap(out, noblock=1) uint64_t [ANY] {
  $result = stake_py_u64_list_from($1, $1_dim0);
  if (!$result) SWIG_fail;
}
%typemap(in, noblock=1) uint64_t [ANY] (uint64_t temp[$1_dim0]) {
  {
    size_t n = 0;
    uint64_t *v = stake_py_u64_array_from($input, &n);
    if (!v) SWIG_fail;
    if (n > $1_dim0) {
      PyMem_Free(v);
      PyErr_Format(PyExc_ValueError, "at most %d values", (int)$1_dim0);
      SWIG_fail;
    }
    memset(temp, 0, sizeof temp);
    memcpy(temp, v, n * sizeof *v);
    PyMem_Free(v);
    $1 = temp;
  }
}
%typemap(argout) uint64_t [ANY] "";

/* Value structs passed by non-const pointer are outputs: a new struct,
 * owned by Python, is returned. (Input structs are const.) */
%define STAKE_PY_OUT_STRUCT(TYPE)
%typemap(in, numinputs=0, noblock=1) TYPE * {
  $1 = (TYPE *)calloc(1, sizeof(TYPE));
  if (!$1) { PyErr_NoMemory(); SWIG_fail; }
}
%typemap(argout, noblock=1) TYPE * {
  $result = SWIG_Python_AppendOutput($result, SWIG_NewPointerObj(SWIG_as_voidptr($1), $1_descriptor, SWIG_POINTER_OWN));
  $1 = NULL;
}
%typemap(freearg, noblock=1) TYPE * {
  free($1);
}
%typemap(in) const TYPE * = SWIGTYPE *;
%typemap(argout) const TYPE * "";
%typemap(freearg) const TYPE * "";
%enddef
/* Structs passed by non-const pointer that are read AND written: the
 * caller passes a proxy, updated in place. gen_typemaps.py reads these
 * markers and applies STAKE_PY_OUT_STRUCT to every other value struct of
 * the headers (stake_typemaps.i, generated at build time). */
%define STAKE_PY_INOUT_STRUCT(TYPE)
%enddef
STAKE_PY_INOUT_STRUCT(stake_queue_batches)

/* Input arrays: (const T *x, size_t n) from a sequence of ints (uint256),
 * of addresses, or of struct proxies. */
%{
static stake_address *stake_py_address_array_from(PyObject *seq, size_t *n_out)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of addresses");
    stake_address *v;
    Py_ssize_t n, i;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    v = PyMem_Calloc((size_t)(n ? n : 1), sizeof *v);
    if (!v) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (stake_py_to_address(PySequence_Fast_GET_ITEM(fast, i), &v[i]) < 0) {
            PyMem_Free(v);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    *n_out = (size_t)n;
    return v;
}

static void *stake_py_struct_array_from(PyObject *seq, size_t size, swig_type_info *ty,
                                        size_t *n_out)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of structs");
    unsigned char *v;
    Py_ssize_t n, i;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    v = PyMem_Calloc((size_t)(n ? n : 1), size);
    if (!v) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (i = 0; i < n; i++) {
        void *p = NULL;
        if (!SWIG_IsOK(SWIG_ConvertPtr(PySequence_Fast_GET_ITEM(fast, i), &p, ty, 0)) || !p) {
            PyErr_Format(PyExc_TypeError, "item %zd: expected a %s", i, ty->str);
            PyMem_Free(v);
            Py_DECREF(fast);
            return NULL;
        }
        memcpy(v + (size_t)i * size, p, size);
    }
    Py_DECREF(fast);
    *n_out = (size_t)n;
    return v;
}
%}
/* SWIG matches multi-argument typemaps by parameter names: gen_typemaps.py
 * applies one of these to every (const T *name, size_t count) pair of the
 * headers. */
%define STAKE_PY_IN_ARRAY_U256(NAME, COUNT)
%typemap(in, noblock=1) (const stake_u256 *NAME, size_t COUNT) {
  $1 = stake_py_array_from($input, &$2);
  if (!$1) SWIG_fail;
}
%typemap(freearg, noblock=1) (const stake_u256 *NAME, size_t COUNT) { PyMem_Free((void *)$1); }
%typemap(argout) (const stake_u256 *NAME, size_t COUNT) "";
%enddef
%define STAKE_PY_IN_ARRAY_U64(NAME, COUNT)
%typemap(in, noblock=1) (const uint64_t *NAME, size_t COUNT) {
  $1 = stake_py_u64_array_from($input, &$2);
  if (!$1) SWIG_fail;
}
%typemap(freearg, noblock=1) (const uint64_t *NAME, size_t COUNT) { PyMem_Free((void *)$1); }
%typemap(argout) (const uint64_t *NAME, size_t COUNT) "";
%enddef
%define STAKE_PY_IN_ARRAY_ADDRESS(NAME, COUNT)
%typemap(in, noblock=1) (const stake_address *NAME, size_t COUNT) {
  $1 = stake_py_address_array_from($input, &$2);
  if (!$1) SWIG_fail;
}
%typemap(freearg, noblock=1) (const stake_address *NAME, size_t COUNT) { PyMem_Free((void *)$1); }
%typemap(argout) (const stake_address *NAME, size_t COUNT) "";
%enddef
%define STAKE_PY_IN_ARRAY(TYPE, NAME, COUNT)
%typemap(in, noblock=1) (const TYPE *NAME, size_t COUNT) {
  $1 = (TYPE *)stake_py_struct_array_from($input, sizeof(TYPE), $1_descriptor, &$2);
  if (!$1) SWIG_fail;
}
%typemap(freearg, noblock=1) (const TYPE *NAME, size_t COUNT) { PyMem_Free((void *)$1); }
%typemap(argout) (const TYPE *NAME, size_t COUNT) "";
%enddef

%include "stake_typemaps.i"

/* The oracle report: a stake_lido_report proxy without arrays, or a mapping
 * of its fields. From a mapping, the struct starts from
 * stake_lido_report_init() and every key is set through the proxy's own
 * setters (so any field the header adds works, and a misspelt one raises
 * AttributeError), except the arrays, which C holds as pointer + count:
 *   fee_recipients, module_fees   sequences of the same length (n_modules)
 *   finalization_batches          a sequence of request ids (n_batches)
 * "queue" takes a WithdrawalQueue (or its pointer). */
%{
typedef struct stake_py_report {
    stake_lido_report report;
    stake_address *recipients;
    stake_u256 *fees;
    uint64_t *batches;
} stake_py_report;

static int stake_py_report_from(PyObject *o, stake_py_report *r)
{
    PyObject *items, *proxy, *rec = NULL, *fees = NULL, *batches = NULL;
    Py_ssize_t i, n;
    int rc = -1;
    if (stake_lido_report_init(&r->report, STAKE_LIDO_REPORT_VERSION) != STAKE_OK) {
        PyErr_SetString(PyExc_SystemError, "stake_lido_report_init failed");
        return -1;
    }
    if (!PyMapping_Check(o) || PyUnicode_Check(o) || PySequence_Check(o)) {
        PyErr_Format(PyExc_TypeError,
                     "a report is a stake_lido_report or a mapping of its fields, not %.100s",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    items = PyMapping_Items(o);
    if (!items)
        return -1;
    proxy = SWIG_NewPointerObj(&r->report, SWIGTYPE_p_stake_lido_report, 0);
    if (!proxy) {
        Py_DECREF(items);
        return -1;
    }
    n = PyList_GET_SIZE(items);
    for (i = 0; i < n; i++) {
        PyObject *kv = PyList_GET_ITEM(items, i), *k, *v;
        const char *key;
        if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2)
            goto out;
        k = PyTuple_GET_ITEM(kv, 0);
        v = PyTuple_GET_ITEM(kv, 1);
        if (!PyUnicode_Check(k)) {
            PyErr_SetString(PyExc_TypeError, "report field names are str");
            goto out;
        }
        key = PyUnicode_AsUTF8(k);
        if (!key)
            goto out;
        if (strcmp(key, "fee_recipients") == 0)
            rec = v;
        else if (strcmp(key, "module_fees") == 0)
            fees = v;
        else if (strcmp(key, "finalization_batches") == 0)
            batches = v;
        else if (strcmp(key, "n_modules") == 0 || strcmp(key, "n_batches") == 0) {
            PyErr_Format(PyExc_TypeError, "report: %s is implied by the arrays", key);
            goto out;
        } else if (!PyObject_HasAttr((PyObject *)Py_TYPE(proxy), k)) {
            PyErr_Format(PyExc_TypeError, "stake_lido_report has no field %R", k);
            goto out;
        } else if (PyObject_SetAttr(proxy, k, v) < 0) {
            PyObject *t, *val, *tb;
            PyErr_Fetch(&t, &val, &tb);
            PyErr_NormalizeException(&t, &val, &tb);
            PyErr_Format(t, "report field %R: %S", k, val);
            Py_XDECREF(t);
            Py_XDECREF(val);
            Py_XDECREF(tb);
            goto out;
        }
    }
    if (!rec != !fees) {
        PyErr_SetString(PyExc_ValueError, "report: give both fee_recipients and module_fees");
        goto out;
    }
    if (rec) {
        size_t nr = 0, nf = 0;
        r->recipients = stake_py_address_array_from(rec, &nr);
        if (!r->recipients)
            goto out;
        r->fees = stake_py_array_from(fees, &nf);
        if (!r->fees)
            goto out;
        if (nr != nf) {
            PyErr_SetString(PyExc_ValueError,
                            "report: fee_recipients and module_fees differ in length");
            goto out;
        }
        r->report.fee_recipients = r->recipients;
        r->report.module_fees = r->fees;
        r->report.n_modules = nr;
    }
    if (batches) {
        size_t nb = 0;
        r->batches = stake_py_u64_array_from(batches, &nb);
        if (!r->batches)
            goto out;
        r->report.finalization_batches = r->batches;
        r->report.n_batches = nb;
    }
    rc = 0;
out:
    if (rc < 0 && !PyErr_Occurred())
        PyErr_SetString(PyExc_TypeError, "bad report mapping");
    Py_DECREF(proxy);
    Py_DECREF(items);
    return rc;
}
%}
%typemap(in, noblock=1) const stake_lido_report * (stake_py_report temp, void *rptr = NULL) {
  memset(&temp, 0, sizeof temp);
  if (SWIG_IsOK(SWIG_ConvertPtr($input, &rptr, $1_descriptor, 0))) {
    if (!rptr) { PyErr_SetString(PyExc_ValueError, "report is None"); SWIG_fail; }
    temp.report = *(const stake_lido_report *)rptr;
    if (temp.report.n_modules != 0 || temp.report.n_batches != 0) {
      PyErr_SetString(PyExc_ValueError,
        "a stake_lido_report proxy cannot carry arrays: pass a mapping with "
        "fee_recipients, module_fees, finalization_batches");
      SWIG_fail;
    }
    temp.report.fee_recipients = NULL;
    temp.report.module_fees = NULL;
    temp.report.finalization_batches = NULL;
  } else if (stake_py_report_from($input, &temp) < 0) {
    SWIG_fail;
  }
  $1 = &temp.report;
}
%typemap(freearg, noblock=1) const stake_lido_report * {
  PyMem_Free(temp$argnum.recipients);
  PyMem_Free(temp$argnum.fees);
  PyMem_Free(temp$argnum.batches);
}

/* What Python represents natively needs no proxy class; the report's
 * pointer members cannot be set from Python (see the typemap above). */
%ignore stake_u256;
%ignore stake_address;
%ignore stake_error;
%ignore stake_lido_report::fee_recipients;
%ignore stake_lido_report::module_fees;
%ignore stake_lido_report::finalization_batches;

/* ==== array functions, written by hand ======================================
 * Same names, inputs in C order, arrays as sequences of ints (lists out). */
%ignore stake_convert_batch;
%ignore stake_ledger_convert_all;
%ignore stake_lido_module_fees;
%ignore stake_lido_split_fee_shares;
%rename(stake_convert_batch) stake_py_convert_batch;
%rename(stake_ledger_convert_all) stake_py_ledger_convert_all;
%rename(stake_lido_module_fees) stake_py_lido_module_fees;
%rename(stake_lido_split_fee_shares) stake_py_lido_split_fee_shares;
%ignore stake_queue_find_checkpoint_hints;
%rename(stake_queue_find_checkpoint_hints) stake_py_queue_find_checkpoint_hints;
%ignore stake_queue_claim_batch;
%rename(stake_queue_claim_batch) stake_py_queue_claim_batch;
%ignore stake_queue_request_batch;
%rename(stake_queue_request_batch) stake_py_queue_request_batch;
%ignore stake_queue_request_wsteth_batch;
%rename(stake_queue_request_wsteth_batch) stake_py_queue_request_wsteth_batch;
%ignore stake_lido_report_history_append;
%rename(stake_lido_report_history_append) stake_py_lido_report_history_append;
%ignore stake_lido_report_history_prune;
%rename(stake_lido_report_history_prune) stake_py_lido_report_history_prune;

%{
static PyObject *stake_py_list_from(const stake_u256 *v, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    size_t i;
    if (!list)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *o = stake_py_u256_to_int(&v[i]);
        if (!o) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, o);
    }
    return list;
}

/* A sequence of ints into a new array (PyMem_Free it). */
static stake_u256 *stake_py_array_from(PyObject *seq, size_t *n_out)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of ints");
    stake_u256 *v;
    Py_ssize_t n, i;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    v = PyMem_Malloc(sizeof *v * (size_t)(n ? n : 1));
    if (!v) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (i = 0; i < n; i++) {
        if (stake_py_to_u256(PySequence_Fast_GET_ITEM(fast, i), &v[i]) < 0) {
            PyObject *t, *val, *tb;
            PyErr_Fetch(&t, &val, &tb);
            PyErr_NormalizeException(&t, &val, &tb);
            PyErr_Format(t, "item %zd: %S", i, val);
            Py_XDECREF(t);
            Py_XDECREF(val);
            Py_XDECREF(tb);
            PyMem_Free(v);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    *n_out = (size_t)n;
    return v;
}
%}

%inline %{
/* stake_convert_batch(in, conv) -> list: the conversion of every int. */
static PyObject *stake_py_convert_batch(PyObject *in, const stake_conversion *conv)
{
    size_t n = 0, failed = 0;
    stake_u256 *v = stake_py_array_from(in, &n);
    stake_rc rc;
    PyObject *res;
    if (!v)
        return NULL;
    rc = stake_convert_batch(v, v, n, conv, &failed);
    if (rc != STAKE_OK) {
        PyMem_Free(v);
        stake_py_raise(rc, NULL, (Py_ssize_t)failed);
        return NULL;
    }
    res = stake_py_list_from(v, n);
    PyMem_Free(v);
    return res;
}

/* stake_ledger_convert_all(n, ledger, conv) -> list of the first n
 * accounts' converted balances. */
static PyObject *stake_py_ledger_convert_all(size_t n, const stake_ledger *ledger,
                                             const stake_conversion *conv)
{
    size_t failed = 0;
    stake_u256 *v = PyMem_Malloc(sizeof *v * (n ? n : 1));
    stake_rc rc;
    PyObject *res;
    if (!v)
        return PyErr_NoMemory();
    rc = stake_ledger_convert_all(v, n, ledger, conv, &failed);
    if (rc != STAKE_OK) {
        PyMem_Free(v);
        stake_py_raise(rc, NULL, rc == STAKE_EINVAL || rc == STAKE_ERANGE ? -1 : (Py_ssize_t)failed);
        return NULL;
    }
    res = stake_py_list_from(v, n);
    PyMem_Free(v);
    return res;
}

/* stake_lido_module_fees(modules) -> (fees, total_fee) for a sequence of
 * stake_lido_module. */
static PyObject *stake_py_lido_module_fees(PyObject *modules)
{
    PyObject *fast = PySequence_Fast(modules, "expected a sequence of stake_lido_module");
    stake_lido_module *m = NULL;
    stake_u256 *fees = NULL, total;
    Py_ssize_t n, i;
    PyObject *res = NULL, *list = NULL, *tot = NULL;
    stake_rc rc;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    m = PyMem_Calloc((size_t)(n ? n : 1), sizeof *m);
    fees = PyMem_Calloc((size_t)(n ? n : 1), sizeof *fees);
    if (!m || !fees) {
        PyErr_NoMemory();
        goto out;
    }
    for (i = 0; i < n; i++) {
        void *p = NULL;
        if (!SWIG_IsOK(SWIG_ConvertPtr(PySequence_Fast_GET_ITEM(fast, i), &p,
                                       SWIGTYPE_p_stake_lido_module, 0)) || !p) {
            PyErr_Format(PyExc_TypeError, "item %zd: expected a stake_lido_module", i);
            goto out;
        }
        m[i] = *(const stake_lido_module *)p;
    }
    rc = stake_lido_module_fees(fees, &total, m, (size_t)n);
    if (rc != STAKE_OK) {
        stake_py_raise(rc, NULL, -1);
        goto out;
    }
    list = stake_py_list_from(fees, (size_t)n);
    tot = list ? stake_py_u256_to_int(&total) : NULL;
    if (list && tot)
        res = PyTuple_Pack(2, list, tot);
out:
    Py_XDECREF(list);
    Py_XDECREF(tot);
    PyMem_Free(m);
    PyMem_Free(fees);
    Py_DECREF(fast);
    return res;
}

/* stake_lido_split_fee_shares(fee_shares, fees, total_fee) ->
 * (module_shares, treasury_shares). */
static PyObject *stake_py_lido_split_fee_shares(const stake_u256 *fee_shares, PyObject *fees,
                                                const stake_u256 *total_fee)
{
    size_t n = 0;
    stake_u256 *f = stake_py_array_from(fees, &n), *shares = NULL, treasury;
    PyObject *res = NULL, *list = NULL, *tr = NULL;
    stake_rc rc;
    if (!f)
        return NULL;
    shares = PyMem_Calloc(n ? n : 1, sizeof *shares);
    if (!shares) {
        PyErr_NoMemory();
        goto out;
    }
    rc = stake_lido_split_fee_shares(shares, &treasury, fee_shares, f, n, total_fee);
    if (rc != STAKE_OK) {
        stake_py_raise(rc, NULL, -1);
        goto out;
    }
    list = stake_py_list_from(shares, n);
    tr = list ? stake_py_u256_to_int(&treasury) : NULL;
    if (list && tr)
        res = PyTuple_Pack(2, list, tr);
out:
    Py_XDECREF(list);
    Py_XDECREF(tr);
    PyMem_Free(f);
    PyMem_Free(shares);
    return res;
}
%}

%inline %{
/* stake_queue_find_checkpoint_hints(queue, ids, first, last) -> list */
static PyObject *stake_py_queue_find_checkpoint_hints(const stake_queue *queue, PyObject *ids,
                                                      uint64_t first, uint64_t last)
{
    size_t n = 0;
    uint64_t *v = stake_py_u64_array_from(ids, &n), *hints;
    PyObject *res = NULL;
    stake_rc rc;
    if (!v)
        return NULL;
    hints = PyMem_Calloc(n ? n : 1, sizeof *hints);
    if (!hints) {
        PyMem_Free(v);
        return PyErr_NoMemory();
    }
    rc = stake_queue_find_checkpoint_hints(hints, queue, v, n, first, last);
    if (rc != STAKE_OK)
        stake_py_raise(rc, NULL, -1);
    else
        res = stake_py_u64_list_from(hints, n);
    PyMem_Free(v);
    PyMem_Free(hints);
    return res;
}
%}

%inline %{
/* stake_queue_claim_batch(queue, ids, hints, caller) -> list of the ether
 * each request pays; the refused element's index in the exception. */
static PyObject *stake_py_queue_claim_batch(stake_queue *queue, PyObject *ids, PyObject *hints,
                                            const stake_address *caller)
{
    size_t n = 0, nh = 0, failed = 0;
    uint64_t *v = NULL, *h = NULL;
    stake_u256 *paid = NULL;
    PyObject *res = NULL;
    stake_rc rc;
    v = stake_py_u64_array_from(ids, &n);
    if (!v)
        goto out;
    h = stake_py_u64_array_from(hints, &nh);
    if (!h)
        goto out;
    if (nh != n) {
        /* claimWithdrawals' ArraysLengthMismatch */
        PyErr_Format(PyExc_ValueError, "%zu request ids but %zu hints", n, nh);
        goto out;
    }
    paid = PyMem_Calloc(n ? n : 1, sizeof *paid);
    if (!paid) {
        PyErr_NoMemory();
        goto out;
    }
    rc = stake_queue_claim_batch(paid, queue, v, h, n, caller, &failed);
    if (rc != STAKE_OK)
        stake_py_raise(rc, NULL, rc == STAKE_EINVAL || rc == STAKE_ENOMEM ? -1 : (Py_ssize_t)failed);
    else
        res = stake_py_list_from(paid, n);
out:
    PyMem_Free(v);
    PyMem_Free(h);
    PyMem_Free(paid);
    return res;
}
%}

%{
typedef stake_rc (*stake_py_request_batch_fn)(uint64_t *, stake_queue *, stake_steth *,
                                              const stake_address *, const stake_address *,
                                              const stake_u256 *, size_t, uint64_t, size_t *);

/* Either batch request: the amounts from a sequence of ints, the ids out
 * as a list, the refused element's index in the exception. */
static PyObject *stake_py_request_batch(stake_py_request_batch_fn fn, stake_queue *queue,
                                        stake_steth *token, const stake_address *sender,
                                        const stake_address *owner, PyObject *amounts,
                                        uint64_t timestamp)
{
    size_t n = 0, failed = (size_t)-1;
    stake_u256 *v = stake_py_array_from(amounts, &n);
    uint64_t *ids = NULL;
    PyObject *res = NULL;
    stake_rc rc;
    if (!v)
        return NULL;
    ids = PyMem_Calloc(n ? n : 1, sizeof *ids);
    if (!ids) {
        PyMem_Free(v);
        return PyErr_NoMemory();
    }
    rc = fn(ids, queue, token, sender, owner, v, n, timestamp, &failed);
    if (rc != STAKE_OK)
        stake_py_raise(rc, NULL, failed == (size_t)-1 ? -1 : (Py_ssize_t)failed);
    else
        res = stake_py_u64_list_from(ids, n);
    PyMem_Free(v);
    PyMem_Free(ids);
    return res;
}
%}

%inline %{
/* stake_queue_request_batch(queue, token, sender, owner, amounts,
 * timestamp) -> list of the new ids. */
static PyObject *stake_py_queue_request_batch(stake_queue *queue, stake_steth *token,
                                              const stake_address *sender,
                                              const stake_address *owner, PyObject *amounts,
                                              uint64_t timestamp)
{
    return stake_py_request_batch(stake_queue_request_batch, queue, token, sender, owner,
                                  amounts, timestamp);
}

/* stake_queue_request_wsteth_batch(queue, token, sender, owner,
 * wsteth_amounts, timestamp) -> list of the new ids. */
static PyObject *stake_py_queue_request_wsteth_batch(stake_queue *queue, stake_steth *token,
                                                     const stake_address *sender,
                                                     const stake_address *owner,
                                                     PyObject *wsteth_amounts, uint64_t timestamp)
{
    return stake_py_request_batch(stake_queue_request_wsteth_batch, queue, token, sender, owner,
                                  wsteth_amounts, timestamp);
}
%}

%{
/* A sequence of stake_lido_report_record proxies into a new array of at
 * least min_len entries (PyMem_Free it). */
static stake_lido_report_record *stake_py_records_from(PyObject *seq, size_t min_len,
                                                       size_t *n_out)
{
    size_t n = 0;
    stake_lido_report_record *v = NULL, *r;
    v = stake_py_struct_array_from(seq, sizeof *v, SWIGTYPE_p_stake_lido_report_record, &n);
    if (!v)
        return NULL;
    if (min_len > n) {
        r = PyMem_Realloc(v, min_len * sizeof *v);
        if (!r) {
            PyMem_Free(v);
            PyErr_NoMemory();
            return NULL;
        }
        v = r;
    }
    *n_out = n;
    return v;
}

static PyObject *stake_py_records_list(const stake_lido_report_record *v, size_t n)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    size_t i;
    if (!list)
        return NULL;
    for (i = 0; i < n; i++) {
        stake_lido_report_record *c = malloc(sizeof *c);
        PyObject *o;
        if (!c) {
            Py_DECREF(list);
            return PyErr_NoMemory();
        }
        *c = v[i];
        o = SWIG_NewPointerObj(c, SWIGTYPE_p_stake_lido_report_record, SWIG_POINTER_OWN);
        if (!o) {
            free(c);
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, o);
    }
    return list;
}
%}

%inline %{
/* stake_lido_report_history_append(history, capacity, record) -> the new
 * history (a list of stake_lido_report_record). */
static PyObject *stake_py_lido_report_history_append(PyObject *history, size_t capacity,
                                                     const stake_lido_report_record *record)
{
    size_t n = 0;
    stake_lido_report_record *v = stake_py_records_from(history, capacity > 0 ? capacity : 1, &n);
    PyObject *res = NULL;
    stake_rc rc;
    if (!v)
        return NULL;
    if (n > capacity) {
        PyMem_Free(v);
        stake_py_raise(STAKE_EBUFSIZE, NULL, -1);
        return NULL;
    }
    rc = stake_lido_report_history_append(v, &n, capacity, record);
    if (rc != STAKE_OK)
        stake_py_raise(rc, NULL, -1);
    else
        res = stake_py_records_list(v, n);
    PyMem_Free(v);
    return res;
}

/* stake_lido_report_history_prune(history, timestamp) -> the kept records. */
static PyObject *stake_py_lido_report_history_prune(PyObject *history, uint64_t timestamp)
{
    size_t n = 0;
    stake_lido_report_record *v = stake_py_records_from(history, 1, &n);
    PyObject *res = NULL;
    stake_rc rc;
    if (!v)
        return NULL;
    rc = stake_lido_report_history_prune(v, &n, timestamp);
    if (rc != STAKE_OK)
        stake_py_raise(rc, NULL, -1);
    else
        res = stake_py_records_list(v, n);
    PyMem_Free(v);
    return res;
}
%}

/* ==== fast paths for the Pythonic layer (METH_FASTCALL, no proxy) ========= */
%wrapper %{
static int stake_py_rounding(PyObject *o, stake_rounding *out)
{
    if (PyUnicode_Check(o)) {
        static const char *const names[] = { "floor", "ceil", "trunc", "expand" };
        int i;
        for (i = 0; i < 4; i++) {
            if (PyUnicode_CompareWithASCIIString(o, names[i]) == 0) {
                *out = (stake_rounding)i;
                return 0;
            }
        }
        PyErr_Format(PyExc_ValueError,
                     "rounding must be 'floor', 'ceil', 'trunc' or 'expand', not %R", o);
        return -1;
    }
    if (PyLong_Check(o) && !PyBool_Check(o)) {
        long r = PyLong_AsLong(o);
        if (r == -1 && PyErr_Occurred())
            return -1;
        if (r < 0 || r > 3) {
            PyErr_Format(PyExc_ValueError, "rounding must be 0 to 3, not %ld", r);
            return -1;
        }
        *out = (stake_rounding)r;
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "rounding must be a stake.Rounding or str, not %.100s",
                 Py_TYPE(o)->tp_name);
    return -1;
}

/* muldiv(a, b, c, rounding=FLOOR) -> int */
static PyObject *stake_py_fast_muldiv(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                      PyObject *kwnames)
{
    stake_u256 a, b, c, r;
    stake_rounding rounding = STAKE_ROUND_FLOOR;
    PyObject *ro = NULL;
    stake_rc rc;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    (void)self;
    if (nargs + nkw < 3 || nargs + nkw > 4 || nargs < 3) {
        PyErr_Format(PyExc_TypeError,
                     "muldiv(a, b, c, rounding=FLOOR) takes 3 or 4 arguments (%zd given)",
                     nargs + nkw);
        return NULL;
    }
    if (nargs == 4)
        ro = args[3];
    else if (nkw == 1) {
        if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, 0), "rounding") != 0) {
            PyErr_Format(PyExc_TypeError, "muldiv() got an unexpected keyword argument %R",
                         PyTuple_GET_ITEM(kwnames, 0));
            return NULL;
        }
        ro = args[3];
    }
    if (stake_py_to_u256(args[0], &a) < 0 || stake_py_to_u256(args[1], &b) < 0 ||
        stake_py_to_u256(args[2], &c) < 0)
        return NULL;
    if (ro && stake_py_rounding(ro, &rounding) < 0)
        return NULL;
    rc = stake_u256_muldiv(&r, &a, &b, &c, rounding);
    if (rc != STAKE_OK) {
        stake_py_raise(rc, NULL, -1);
        return NULL;
    }
    return stake_py_u256_to_int(&r);
}

static int stake_py_get_conversion(PyObject *o, stake_conversion *out)
{
    void *p = NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(o, &p, SWIGTYPE_p_stake_conversion, 0)) || !p) {
        PyErr_Format(PyExc_TypeError, "expected a stake.Conversion, got %.100s",
                     Py_TYPE(o)->tp_name);
        return -1;
    }
    *out = *(const stake_conversion *)p;
    return 0;
}

/* The bytes of a packed array of stake_u256 (32-byte little-endian words)
 * as the C library wants them: aligned, in host order and not partially
 * overlapping dst. Returns buf itself, or a copy to PyMem_Free. */
static stake_u256 *stake_py_host_words(const void *buf, size_t n, const void *dst, int *copied)
{
    const unsigned char *b = buf;
    const unsigned char *d = dst;
    size_t bytes = n * sizeof(stake_u256);
    int overlap = d && b != d && b < d + bytes && d < b + bytes;
    stake_u256 *v;
    size_t i;
    *copied = 0;
    if (STAKE_PY_LITTLE_ENDIAN && ((uintptr_t)buf % _Alignof(stake_u256)) == 0 && !overlap)
        return (stake_u256 *)buf;
    v = PyMem_Malloc(bytes ? bytes : 1);
    if (!v)
        return NULL;
    for (i = 0; i < n; i++) {
        int k, j;
        for (k = 0; k < 4; k++) {
            uint64_t w = 0;
            for (j = 7; j >= 0; j--)
                w = (w << 8) | b[32 * i + 8 * k + j];
            v[i].w[k] = w;
        }
    }
    *copied = 1;
    return v;
}

static void stake_py_store_words(void *dst, const stake_u256 *v, size_t n)
{
    unsigned char *d = dst;
    size_t i;
    if (STAKE_PY_LITTLE_ENDIAN) {
        memcpy(dst, v, n * sizeof *v);
        return;
    }
    for (i = 0; i < n; i++) {
        int k, j;
        for (k = 0; k < 4; k++)
            for (j = 0; j < 8; j++)
                d[32 * i + 8 * k + j] = (unsigned char)(v[i].w[k] >> (8 * j));
    }
}

/* Shared by convert_buffer and convert_all_buffer: run fn into out (a
 * writable buffer of exactly nbytes, or NULL for a new bytes object). */
typedef stake_rc (*stake_py_batch_fn)(stake_u256 *dst, size_t n, const void *ctx,
                                      const stake_conversion *conv, size_t *failed);

static PyObject *stake_py_run_batch(stake_py_batch_fn fn, const void *ctx, size_t n,
                                    const stake_conversion *conv, PyObject *out,
                                    const void *src_bytes)
{
    Py_buffer ov;
    PyObject *result = NULL;
    unsigned char *dst;
    size_t bytes = n * sizeof(stake_u256), failed = 0;
    stake_u256 *work;
    int direct;
    stake_rc rc;
    (void)src_bytes;
    if (out && out != Py_None) {
        if (PyObject_GetBuffer(out, &ov, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) < 0)
            return NULL;
        if ((size_t)ov.len != bytes) {
            PyErr_Format(PyExc_ValueError, "out has %zd bytes, expected %zu (%zu values)",
                         ov.len, bytes, n);
            PyBuffer_Release(&ov);
            return NULL;
        }
        dst = ov.buf;
        Py_INCREF(out);
        result = out;
    } else {
        result = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)bytes);
        if (!result)
            return NULL;
        dst = (unsigned char *)PyBytes_AS_STRING(result);
        ov.obj = NULL;
    }
    direct = STAKE_PY_LITTLE_ENDIAN && ((uintptr_t)dst % _Alignof(stake_u256)) == 0;
    work = direct ? (stake_u256 *)dst : PyMem_Malloc(bytes ? bytes : 1);
    if (!work) {
        PyErr_NoMemory();
        goto fail;
    }
    if (n >= 4096) {
        Py_BEGIN_ALLOW_THREADS
        rc = fn(work, n, ctx, conv, &failed);
        Py_END_ALLOW_THREADS
    } else {
        rc = fn(work, n, ctx, conv, &failed);
    }
    if (rc != STAKE_OK) {
        if (!direct)
            PyMem_Free(work);
        stake_py_raise(rc, NULL, rc == STAKE_EINVAL ? -1 : (Py_ssize_t)failed);
        goto fail;
    }
    if (!direct) {
        stake_py_store_words(dst, work, n);
        PyMem_Free(work);
    }
    if (ov.obj)
        PyBuffer_Release(&ov);
    return result;
fail:
    if (ov.obj)
        PyBuffer_Release(&ov);
    Py_DECREF(result);
    return NULL;
}

static stake_rc stake_py_batch_convert(stake_u256 *dst, size_t n, const void *ctx,
                                       const stake_conversion *conv, size_t *failed)
{
    return stake_convert_batch(dst, (const stake_u256 *)ctx, n, conv, failed);
}

static stake_rc stake_py_batch_ledger(stake_u256 *dst, size_t n, const void *ctx,
                                      const stake_conversion *conv, size_t *failed)
{
    return stake_ledger_convert_all(dst, n, (const stake_ledger *)ctx, conv, failed);
}

/* convert_buffer(conv, src, out=None) -> out or bytes */
static PyObject *stake_py_fast_convert_buffer(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = { "conv", "src", "out", NULL };
    PyObject *co, *src, *out = Py_None, *res;
    stake_conversion conv;
    Py_buffer sv;
    stake_u256 *in;
    int copied;
    size_t n;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|O:convert_buffer", kwlist, &co, &src, &out))
        return NULL;
    if (stake_py_get_conversion(co, &conv) < 0)
        return NULL;
    if (PyObject_GetBuffer(src, &sv, PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (sv.len % 32 != 0) {
        PyErr_Format(PyExc_ValueError,
                     "a packed buffer holds 32-byte values; %zd bytes is not a multiple of 32",
                     sv.len);
        PyBuffer_Release(&sv);
        return NULL;
    }
    n = (size_t)sv.len / 32;
    {
        /* the destination is only known inside run_batch; a partial overlap
         * with out is handled by copying the input when out is given */
        const void *dst_hint = NULL;
        Py_buffer probe;
        if (out != Py_None && PyObject_GetBuffer(out, &probe, PyBUF_SIMPLE) == 0) {
            dst_hint = probe.buf;
            PyBuffer_Release(&probe);
        } else if (out != Py_None) {
            PyErr_Clear();
        }
        in = stake_py_host_words(sv.buf, n, dst_hint, &copied);
    }
    if (!in) {
        PyBuffer_Release(&sv);
        return PyErr_NoMemory();
    }
    res = stake_py_run_batch(stake_py_batch_convert, in, n, &conv, out, sv.buf);
    if (copied)
        PyMem_Free(in);
    PyBuffer_Release(&sv);
    return res;
}

/* convert_all_buffer(ledger, conv, n=None, out=None) -> out or bytes */
static PyObject *stake_py_fast_convert_all_buffer(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = { "ledger", "conv", "n", "out", NULL };
    PyObject *lo, *co, *no = Py_None, *out = Py_None;
    stake_conversion conv;
    void *lp = NULL;
    size_t n;
    (void)self;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|OO:convert_all_buffer", kwlist,
                                     &lo, &co, &no, &out))
        return NULL;
    if (!SWIG_IsOK(SWIG_ConvertPtr(lo, &lp, SWIGTYPE_p_stake_ledger, 0)) || !lp) {
        PyErr_Format(PyExc_TypeError, "expected a ledger, got %.100s", Py_TYPE(lo)->tp_name);
        return NULL;
    }
    if (stake_py_get_conversion(co, &conv) < 0)
        return NULL;
    if (no == Py_None) {
        n = stake_ledger_count((const stake_ledger *)lp);
    } else {
        n = PyLong_AsSize_t(no);
        if (n == (size_t)-1 && PyErr_Occurred())
            return NULL;
    }
    return stake_py_run_batch(stake_py_batch_ledger, lp, n, &conv, out, NULL);
}

/* pack(iterable of ints) -> bytes of 32-byte little-endian words */
static PyObject *stake_py_fast_pack(PyObject *self, PyObject *seq)
{
    size_t n = 0;
    stake_u256 *v;
    PyObject *res;
    (void)self;
    v = stake_py_array_from(seq, &n);
    if (!v)
        return NULL;
    res = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(n * 32));
    if (res)
        stake_py_store_words(PyBytes_AS_STRING(res), v, n);
    PyMem_Free(v);
    return res;
}

/* unpack(buffer) -> list of ints */
static PyObject *stake_py_fast_unpack(PyObject *self, PyObject *src)
{
    Py_buffer sv;
    stake_u256 *v;
    int copied;
    size_t n;
    PyObject *res;
    (void)self;
    if (PyObject_GetBuffer(src, &sv, PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (sv.len % 32 != 0) {
        PyErr_Format(PyExc_ValueError,
                     "a packed buffer holds 32-byte values; %zd bytes is not a multiple of 32",
                     sv.len);
        PyBuffer_Release(&sv);
        return NULL;
    }
    n = (size_t)sv.len / 32;
    v = stake_py_host_words(sv.buf, n, NULL, &copied);
    if (!v) {
        PyBuffer_Release(&sv);
        return PyErr_NoMemory();
    }
    res = stake_py_list_from(v, n);
    if (copied)
        PyMem_Free(v);
    PyBuffer_Release(&sv);
    return res;
}

/* to_int(x) -> int: the value check of every stake_u256 input. */
static PyObject *stake_py_fast_check_u256(PyObject *self, PyObject *o)
{
    stake_u256 v;
    (void)self;
    if (stake_py_to_u256(o, &v) < 0)
        return NULL;
    return stake_py_u256_to_int(&v);
}

/* address(x) -> "0x..." str: the check of every address input. */
static PyObject *stake_py_fast_address(PyObject *self, PyObject *o)
{
    stake_address a;
    (void)self;
    if (stake_py_to_address(o, &a) < 0)
        return NULL;
    return stake_py_address_to_str(&a);
}

/* _register_errors(base, {code: class}) */
static PyObject *stake_py_register_errors(PyObject *self, PyObject *args)
{
    PyObject *base, *classes;
    (void)self;
    if (!PyArg_ParseTuple(args, "OO!:_register_errors", &base, &PyDict_Type, &classes))
        return NULL;
    Py_INCREF(base);
    Py_INCREF(classes);
    Py_XSETREF(stake_py_error_base, base);
    Py_XSETREF(stake_py_error_classes, classes);
    Py_RETURN_NONE;
}

static PyMethodDef stake_py_fast_methods[] = {
    { "muldiv", (PyCFunction)(void (*)(void))stake_py_fast_muldiv,
      METH_FASTCALL | METH_KEYWORDS,
      "muldiv(a, b, c, rounding=FLOOR) -> a * b / c rounded, as OpenZeppelin's Math.mulDiv" },
    { "convert_buffer", (PyCFunction)(void (*)(void))stake_py_fast_convert_buffer,
      METH_VARARGS | METH_KEYWORDS,
      "convert_buffer(conv, src, out=None) -> the conversion of a packed buffer" },
    { "convert_all_buffer", (PyCFunction)(void (*)(void))stake_py_fast_convert_all_buffer,
      METH_VARARGS | METH_KEYWORDS,
      "convert_all_buffer(ledger, conv, n=None, out=None) -> converted balances, packed" },
    { "pack", stake_py_fast_pack, METH_O, "pack(ints) -> bytes of 32-byte little-endian words" },
    { "unpack", stake_py_fast_unpack, METH_O, "unpack(buffer) -> list of ints" },
    { "check_u256", stake_py_fast_check_u256, METH_O,
      "check_u256(x) -> x as an int, if it is a valid 256-bit unsigned integer" },
    { "address", stake_py_fast_address, METH_O,
      "address(x) -> x as a lower-case '0x' str, if it is a valid address" },
    { "_register_errors", stake_py_register_errors, METH_VARARGS, NULL },
    { NULL, NULL, 0, NULL }
};
%}

%init %{
  if (PyModule_AddFunctions(m, stake_py_fast_methods) < 0)
    return NULL;
%}

%include "stake.i"

/* Struct proxies: keyword constructor, readable repr, equality. */
%pythoncode %{
def _stake_fields(cls):
    return tuple(k for k, v in vars(cls).items()
                 if isinstance(v, property) and k != "thisown")

def _stake_patch_struct(cls):
    fields = _stake_fields(cls)
    init = cls.__init__

    def __init__(self, **kw):
        init(self)
        for k, v in kw.items():
            if k not in fields:
                raise TypeError("%s has no field %r" % (type(self).__name__, k))
            setattr(self, k, v)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            "%s=%r" % (f, getattr(self, f)) for f in fields))

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in fields)

    def _asdict(self):
        return {f: getattr(self, f) for f in fields}

    # type.__setattr__: the proxies' metaclass refuses new class attributes
    for name, value in (("__init__", __init__), ("__repr__", __repr__), ("__eq__", __eq__),
                        ("__hash__", None), ("_fields", fields), ("_asdict", _asdict)):
        type.__setattr__(cls, name, value)

for _n, _c in list(globals().items()):
    if _n.startswith("stake_") and isinstance(_c, type) and hasattr(_c, "thisown"):
        _stake_patch_struct(_c)
del _n, _c
%}
