/*
 * bindings/stake.i: the language-neutral SWIG interface of libstake.
 *
 * Shared by every binding (bindings/python/python.i, bindings/go/go.i).
 * Keep it minimal and free of anything language specific: a binding's
 * own .i file declares the %module, defines its typemaps and then
 * includes this file LAST, so that the typemaps apply to the headers.
 *
 * The headers are the specification, so they are %included as they are,
 * in the order <stake.h> includes them. SWIG does not follow #include,
 * hence the explicit list: when a header is added to <stake.h>, add it
 * here too (bindings/python/tests/test_exports.py fails until then).
 */

%{
#include <stake.h>
%}

%include <stdint.i>

/* version.h defines STAKE_API and STAKE_WUR as empty under SWIG. */
%include "stake/version.h"
%include "stake/errors.h"
%include "stake/u256.h"
%include "stake/address.h"
%include "stake/conversion.h"
%include "stake/ledger.h"
%include "stake/lido.h"
%include "stake/erc4626.h"
%include "stake/reth.h"
%include "stake/queue.h"
%include "stake/risk.h"
%include "stake/eigenlayer.h"
%include "stake/snapshot.h"
