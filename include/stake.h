/*
 * libstake: exact share/asset accounting for liquid staking tokens.
 *
 * Include this header only; it brings in every part of the public API.
 * If a function, type or constant is not declared under include/, it is
 * not part of libstake's API. Each part's header is its specification:
 *
 *   stake/version.h   version numbers, backend name, export macros
 *   stake/errors.h    status codes and their single table
 *   stake/u256.h      the 256-bit unsigned integer and mulDiv
 *   stake/address.h   20-byte account addresses
 *   stake/conversion.h  share/asset conversions, one value or a batch
 *   stake/ledger.h    the share ledger under every token model
 *   stake/lido.h      Lido stETH, wstETH and the oracle report (V2, V3)
 *   stake/erc4626.h   ERC-4626 vaults, OpenZeppelin v5 semantics
 *   stake/reth.h      Rocket Pool rETH
 *   stake/queue.h     the Lido withdrawal queue (unstETH)
 *   stake/risk.h      sanity checks, rebase limiter, bunker mode, loss waterfalls
 *   stake/snapshot.h  saving and loading model states
 *
 * Thread safety: libstake has no mutable global state. Every function is
 * MT-Safe; an object (a handle created by a *_new function) is not locked
 * internally, so calls on the same object from several threads must be
 * serialized by the caller, while read-only calls may run concurrently.
 */
#ifndef STAKE_H
#define STAKE_H

#include "stake/version.h"
#include "stake/errors.h"
#include "stake/u256.h"
#include "stake/address.h"
#include "stake/conversion.h"
#include "stake/ledger.h"
#include "stake/lido.h"
#include "stake/erc4626.h"
#include "stake/reth.h"
#include "stake/queue.h"
#include "stake/risk.h"
#include "stake/eigenlayer.h"
#include "stake/snapshot.h"

#endif /* STAKE_H */
