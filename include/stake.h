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

#endif /* STAKE_H */
