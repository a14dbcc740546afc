/*
 * libstake: the share ledger.
 *
 * A ledger maps 20-byte addresses to share balances and (owner, spender)
 * pairs to allowances, and keeps the total of all balances. It is the
 * storage under every token model: stETH shares, wstETH and rETH
 * balances, ERC-4626 vault shares. It knows nothing of protocols: amounts
 * are plain 256-bit numbers, every address (including zero) is an ordinary
 * key, and the protocol rules (which recipient is refused, whether an
 * allowance is in tokens or in shares) live in the models.
 *
 * Lookups and updates are O(1) expected (open addressing over a keyed
 * hash, so that chosen addresses cannot degrade it). Accounts are kept in
 * the order they were first credited, which is the iteration order;
 * an account whose balance returns to zero stays listed, as a contract's
 * mapping entry would. Memory is about 63 bytes per account.
 *
 * Invariant, checked by stake_ledger_check(): the sum of all balances is
 * the total. Every mutating call either succeeds entirely or leaves the
 * ledger unchanged.
 */
#ifndef STAKE_LEDGER_H
#define STAKE_LEDGER_H

#include <stddef.h>
#include "u256.h"
#include "address.h"
#include "conversion.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stake_ledger stake_ledger;

/* Creates an empty ledger; expected_accounts (0 if unknown) sizes it up
 * front so that it never needs to grow below that. */
STAKE_API STAKE_WUR stake_rc stake_ledger_new(stake_ledger **out, size_t expected_accounts);

/* Frees a ledger; NULL is ignored. */
STAKE_API void stake_ledger_free(stake_ledger *ledger);

/* An independent copy, for what-if simulations. */
STAKE_API STAKE_WUR stake_rc stake_ledger_clone(stake_ledger **out, const stake_ledger *ledger);

/* Balance of account (zero if it was never credited). */
STAKE_API STAKE_WUR stake_rc stake_ledger_balance(stake_u256 *out, const stake_ledger *ledger,
                                                  const stake_address *account);

/* Sum of all balances. */
STAKE_API STAKE_WUR stake_rc stake_ledger_total(stake_u256 *out, const stake_ledger *ledger);

/* Number of accounts listed (ever credited). */
STAKE_API size_t stake_ledger_count(const stake_ledger *ledger);

/* Credits amount to account and to the total. STAKE_EOVERFLOW if the
 * total would reach 2^256. */
STAKE_API STAKE_WUR stake_rc stake_ledger_mint(stake_ledger *ledger, const stake_address *to,
                                               const stake_u256 *amount);

/* Debits amount from account and from the total. STAKE_EBALANCE if the
 * account holds less. */
STAKE_API STAKE_WUR stake_rc stake_ledger_burn(stake_ledger *ledger, const stake_address *from,
                                               const stake_u256 *amount);

/* Moves amount from one account to another (the same account is allowed
 * and changes nothing). STAKE_EBALANCE if from holds less. */
STAKE_API STAKE_WUR stake_rc stake_ledger_move(stake_ledger *ledger, const stake_address *from,
                                               const stake_address *to, const stake_u256 *amount);

/* Allowance granted by owner to spender (zero if none). */
STAKE_API STAKE_WUR stake_rc stake_ledger_allowance(stake_u256 *out, const stake_ledger *ledger,
                                                    const stake_address *owner,
                                                    const stake_address *spender);

/* Sets the allowance of spender over owner's funds to amount. */
STAKE_API STAKE_WUR stake_rc stake_ledger_approve(stake_ledger *ledger, const stake_address *owner,
                                                  const stake_address *spender,
                                                  const stake_u256 *amount);

/* Spends amount of the allowance, as OpenZeppelin's _spendAllowance: an
 * allowance of 2^256 - 1 is infinite and is not decreased. STAKE_EALLOWANCE
 * if the allowance is lower than amount. */
STAKE_API STAKE_WUR stake_rc stake_ledger_spend_allowance(stake_ledger *ledger,
                                                          const stake_address *owner,
                                                          const stake_address *spender,
                                                          const stake_u256 *amount);

/* The index-th account in first-credited order, 0 <= index < count, with
 * its balance; either output may be NULL. STAKE_ERANGE past the end. */
STAKE_API STAKE_WUR stake_rc stake_ledger_account_at(stake_address *account, stake_u256 *balance,
                                                     const stake_ledger *ledger, size_t index);

/* out[i] = conversion of the balance of the i-th account, for the first n
 * accounts (n <= count): every wallet balance after a rebase in one call.
 * All or nothing, as stake_convert_batch(). */
STAKE_API STAKE_WUR stake_rc stake_ledger_convert_all(stake_u256 *out, size_t n,
                                                      const stake_ledger *ledger,
                                                      const stake_conversion *conv,
                                                      size_t *failed_index);

/* Verifies the ledger's invariants (the balances sum to the total, the
 * index is consistent). STAKE_ECORRUPT if not; never fails otherwise. */
STAKE_API STAKE_WUR stake_rc stake_ledger_check(const stake_ledger *ledger);

/* Bytes of memory the ledger holds, for capacity planning. */
STAKE_API size_t stake_ledger_memory(const stake_ledger *ledger);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_LEDGER_H */
