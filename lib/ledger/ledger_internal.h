/*
 * Internal: the ledger's representation, shared by its operations and its
 * snapshot codec.
 */
#ifndef STAKE_LEDGER_INTERNAL_H
#define STAKE_LEDGER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "stake/ledger.h"
#include "dmap.h"

/* One account: 56 bytes, the balance first so that the conversion engine
 * can stride over the balances in place. */
typedef struct stake__account {
    stake_u256 balance;
    uint8_t address[STAKE_ADDRESS_BYTES];
    uint32_t hash;
} stake__account;

/* One allowance, keyed by owner then spender. */
typedef struct stake__allowance {
    stake_u256 value;
    uint8_t pair[2 * STAKE_ADDRESS_BYTES];
    uint32_t hash;
    uint32_t unused;
} stake__allowance;

_Static_assert(sizeof(stake__account) == 56, "an account entry is 56 bytes");
_Static_assert(offsetof(stake__account, balance) == 0 &&
               offsetof(stake__account, address) == STAKE__DMAP_KEY_OFFSET &&
               offsetof(stake__account, hash) == STAKE__DMAP_KEY_OFFSET + STAKE_ADDRESS_BYTES,
               "account entries follow the dmap layout");
_Static_assert(offsetof(stake__allowance, value) == 0 &&
               offsetof(stake__allowance, pair) == STAKE__DMAP_KEY_OFFSET &&
               offsetof(stake__allowance, hash) ==
                   STAKE__DMAP_KEY_OFFSET + 2 * STAKE_ADDRESS_BYTES,
               "allowance entries follow the dmap layout");

struct stake_ledger {
    stake__dmap accounts;     /* address -> balance, first-credited order */
    stake__dmap allowances;   /* owner || spender -> allowance, sparse */
    stake_u256 total;         /* sum of all balances */
};

/* Makes room for new_accounts more accounts, so that the next that many
 * credits to new accounts cannot fail for memory. Models whose operations
 * touch several ledgers or accounts call it before changing anything, to
 * stay all-or-nothing. */
stake_rc stake__ledger_reserve(stake_ledger *ledger, size_t new_accounts);

/* An empty ledger with fresh keys, sized for expected_accounts. */
stake_rc stake__ledger_create(stake_ledger **out, size_t expected_accounts);

/* Adds a new account with balance (and does NOT touch the total): for the
 * decoder, which checks the total itself. The caller has made room.
 * STAKE_ECORRUPT if the address is already listed. */
stake_rc stake__ledger_append_account(stake_ledger *ledger, const stake_address *account,
                                      const stake_u256 *balance);

/* Adds a new allowance entry; the caller has made room. STAKE_ECORRUPT if
 * the pair is already present. */
stake_rc stake__ledger_append_allowance(stake_ledger *ledger, const stake_address *owner,
                                        const stake_address *spender, const stake_u256 *value);

/* ERC-20 approve / increaseAllowance / decreaseAllowance sent by owner,
 * as stETH and OpenZeppelin 3.x's ERC20 (wstETH) both write them: the new
 * value is computed first (STAKE_EOVERFLOW above 2^256 - 1, STAKE_EALLOWANCE
 * below zero), then _approve refuses a zero owner or spender
 * (STAKE_EZEROADDRESS). One implementation for every token whose
 * allowances are a plain amount per pair. */
stake_rc stake__ledger_erc20_approve(stake_ledger *ledger, const stake_address *owner,
                                     const stake_address *spender, const stake_u256 *amount);
stake_rc stake__ledger_erc20_increase(stake_ledger *ledger, const stake_address *owner,
                                      const stake_address *spender, const stake_u256 *added);
stake_rc stake__ledger_erc20_decrease(stake_ledger *ledger, const stake_address *owner,
                                      const stake_address *spender,
                                      const stake_u256 *subtracted);

#endif /* STAKE_LEDGER_INTERNAL_H */
