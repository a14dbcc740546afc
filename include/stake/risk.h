/*
 * libstake: risk arithmetic as pure functions: Lido's oracle-report sanity
 * checks, its positive-rebase limiter, bunker mode and the withdrawal safe
 * border, and Rocket Pool's loss waterfall (node bond first).
 *
 * Nothing here keeps state. Every function reads explicit inputs (plain
 * values or versioned transparent structs) and writes its outputs, so a
 * backend can pre-validate an oracle report, or simulate a slashing, before
 * the chain does. Conventions as everywhere in libstake: outputs first,
 * STAKE_OK or a negative code, outputs untouched on error, NULL is
 * STAKE_EINVAL. A struct whose version is not the one of this header is
 * STAKE_EINVAL; fill structs with their *_init function first, then set
 * the fields.
 *
 * Exactness. Each function reproduces one contract (or oracle) function:
 * the same formula, the same rounding, the same refusals in the same order.
 * Where the contract uses checked arithmetic an overflow is
 * STAKE_EOVERFLOW and an underflow STAKE_EUNDERFLOW; a division by zero is
 * STAKE_EDIVZERO. A failing sanity check returns its own code, so a
 * rejected report names the check it failed.
 *
 * Units: amounts of ether and shares are stake_u256 wei; counts, seconds,
 * slots and epochs are uint64_t (the contracts store them in 64 bits or
 * less); rates are in the contract's own base (basis points, 1e9 or 1e18).
 */
#ifndef STAKE_RISK_H
#define STAKE_RISK_H

#include <stddef.h>
#include <stdint.h>
#include "u256.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ==== 1. Lido: OracleReportSanityChecker ==================================== */

#define STAKE_LIDO_LIMITS_VERSION 1

/* The LimitsList of OracleReportSanityChecker (V2 mainnet layout since
 * LIP-23 in 2024, also V3's). Governance can change every limit; the
 * bounds are those its setters enforce. The 2023 checker it replaced (one
 * churn limit, a one-off CL decrease limit in basis points, no window) is
 * not modelled. */
typedef struct stake_lido_limits {
    unsigned version;                                  /* STAKE_LIDO_LIMITS_VERSION */
    uint64_t exited_validators_per_day_limit;          /* <= 65535; mainnet 3600 */
    uint64_t appeared_validators_per_day_limit;        /* <= 65535; mainnet 1800 */
    uint64_t annual_balance_increase_bp_limit;         /* <= 10000; mainnet 1000 (10%/year) */
    uint64_t simulated_share_rate_deviation_bp_limit;  /* <= 10000; mainnet 50 */
    uint64_t max_validator_exit_requests_per_report;   /* <= 65535; mainnet 600 */
    uint64_t max_items_per_extra_data_transaction;     /* <= 65535; mainnet 8 */
    uint64_t max_node_operators_per_extra_data_item;   /* <= 65535; mainnet 24 */
    uint64_t request_timestamp_margin;                 /* seconds, < 2^32; mainnet 7680 */
    uint64_t max_positive_token_rebase;                /* 1e9 = 100%; UINT64_MAX = unlimited;
                                                          0 = not set; mainnet 750000 */
    uint64_t initial_slashing_amount_pwei;             /* 1e15 wei/validator, <= 65535; mainnet 8 */
    uint64_t inactivity_penalties_amount_pwei;         /* 1e15 wei/validator, <= 65535; mainnet 101 */
    uint64_t cl_balance_oracles_error_upper_bp_limit;  /* <= 10000; mainnet 50 */
} stake_lido_limits;

/* The positive-rebase limit that disables the limiter (type(uint64).max). */
#define STAKE_LIDO_UNLIMITED_REBASE UINT64_MAX
/* The limiter's precision: 1e9 means a 100% rebase. */
#define STAKE_LIDO_LIMITER_PRECISION 1000000000ULL

/* Initialises limits with Lido's mainnet values (above). */
STAKE_API STAKE_WUR stake_rc stake_lido_limits_init(stake_lido_limits *limits, unsigned version);

/* STAKE_OK if the contract could hold these limits: every value within the
 * bound its setter enforces (a zero max_positive_token_rebase is allowed:
 * it is the contract's "not set", which only the limiter refuses).
 * STAKE_EINVAL otherwise. Every check below validates its limits so. */
STAKE_API STAKE_WUR stake_rc stake_lido_limits_validate(const stake_lido_limits *limits);

#define STAKE_LIDO_ACCOUNTING_REPORT_VERSION 1

/* The arguments of checkAccountingOracleReport and the chain state the
 * checker reads while checking them. */
typedef struct stake_lido_accounting_report {
    unsigned version;                     /* STAKE_LIDO_ACCOUNTING_REPORT_VERSION */
    uint64_t report_timestamp;            /* GENESIS_TIME + refSlot * SECONDS_PER_SLOT */
    uint64_t time_elapsed;                /* seconds since the last report (slots * 12) */
    stake_u256 pre_cl_balance;            /* the principal: last CL balance + 32 ether for
                                             each validator that appeared since */
    stake_u256 post_cl_balance;           /* the reported CL balance */
    stake_u256 withdrawal_vault_balance;  /* reported */
    stake_u256 el_rewards_vault_balance;  /* reported */
    stake_u256 shares_requested_to_burn;  /* reported */
    uint64_t pre_cl_validators;
    uint64_t post_cl_validators;
    /* chain state */
    stake_u256 actual_withdrawal_vault_balance;
    stake_u256 actual_el_rewards_vault_balance;
    stake_u256 burner_cover_shares;       /* Burner.getSharesRequestedToBurn() */
    stake_u256 burner_non_cover_shares;
    uint64_t total_exited_validators;     /* sum of exitedValidatorsCount over the
                                             StakingRouter's modules */
} stake_lido_accounting_report;

/* Zeroes a report and sets its version. */
STAKE_API STAKE_WUR stake_rc stake_lido_accounting_report_init(stake_lido_accounting_report *report,
                                                               unsigned version);

/* The record the checker keeps for every report (ReportData). */
typedef struct stake_lido_report_record {
    uint64_t timestamp;                   /* the report's reference-slot timestamp */
    uint64_t total_exited_validators;
    stake_u256 negative_cl_rebase;        /* max(0, preCL - (postCL + WV)), below 2^128 */
} stake_lido_report_record;

/* The second-opinion oracle's report for the reference slot (getReport). */
typedef struct stake_lido_second_opinion {
    int ready;                            /* getReport's success flag */
    stake_u256 cl_balance_gwei;           /* its CL balance, in gwei */
    stake_u256 withdrawal_vault_balance;  /* its withdrawal-vault balance, in wei */
} stake_lido_second_opinion;

typedef enum stake_lido_rebase_verdict {
    STAKE_LIDO_REBASE_NOT_NEGATIVE = 0,   /* preCL <= postCL + WV: nothing to check */
    STAKE_LIDO_REBASE_ACCEPTED = 1,       /* within the window's allowance */
    STAKE_LIDO_REBASE_CONFIRMED = 2       /* above it, confirmed by the second opinion */
} stake_lido_rebase_verdict;

typedef struct stake_lido_negative_rebase {
    stake_lido_rebase_verdict verdict;
    stake_lido_report_record record;      /* what the checker appends to its history */
    stake_u256 window_sum;                /* negative rebases of the last 18 days, this
                                             one included (zero if NOT_NEGATIVE) */
    stake_u256 max_allowed;               /* the window's allowance (zero if NOT_NEGATIVE) */
} stake_lido_negative_rebase;

/* The negative-rebase window (LIP-23, _checkCLBalanceDecrease). This
 * report's record is {report_timestamp, total_exited_validators, max(0,
 * preCL - (postCL + WV))}. If the CL balance did not decrease, the verdict
 * is NOT_NEGATIVE. Otherwise, with T the report timestamp,
 *   sum = this rebase + those of the records of history newer than
 *         T - 18 days,
 *   max = initial_slashing * 1e15 * (post validators - exited at T - 18d)
 *       + inactivity * 1e15 * (post validators - exited at T - 54d),
 * where "exited at t" is the total of the newest record at or before t (0
 * if none). The report is ACCEPTED if sum <= max. Otherwise, without a
 * second opinion (NULL) it is refused with STAKE_ENEGATIVEREBASE; with one
 * it is CONFIRMED only if its report is ready, its CL balance (gwei * 1e9)
 * is at least postCL and 1e4 * (CL - postCL) <= limit * CL (limit =
 * cl_balance_oracles_error_upper_bp_limit), and its withdrawal-vault
 * balance equals the reported one; else STAKE_ESECONDOPINION.
 *
 * history holds the earlier records, oldest first, as the checker's
 * reportData array (n may be 0; history may then be NULL). Only the
 * report's timestamp, total exited validators, post CL validators and the
 * three balances are read. Other refusals: STAKE_EUNDERFLOW (T before
 * 18 or 54 days, fewer post validators than exited), STAKE_EOVERFLOW
 * (postCL + WV, a rebase of 2^128 or more: SafeCast), STAKE_EINVAL. On
 * success, append out->record to the history for the next report. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_negative_rebase(
    stake_lido_negative_rebase *out, const stake_lido_limits *limits,
    const stake_lido_report_record *history, size_t n, const stake_lido_accounting_report *report,
    const stake_lido_second_opinion *second_opinion);

/* Appends record to history[0..*n) of capacity entries and increments *n.
 * STAKE_EBUFSIZE when full; STAKE_EINVAL if the record is older than the
 * last one or its negative rebase is 2^128 or more (the chain cannot
 * produce either). */
STAKE_API STAKE_WUR stake_rc stake_lido_report_history_append(stake_lido_report_record *history,
                                                              size_t *n, size_t capacity,
                                                              const stake_lido_report_record *record);

/* Drops from history[0..*n) the records no check at or after timestamp can
 * read any more: those before the newest record at or before timestamp -
 * 54 days. Moves the rest to the front and updates *n. Expects records in
 * time order (as append keeps them). */
STAKE_API STAKE_WUR stake_rc stake_lido_report_history_prune(stake_lido_report_record *history,
                                                             size_t *n, uint64_t timestamp);

/* Reported vault balances may not exceed the actual ones: withdrawal
 * vault first, then EL rewards vault. STAKE_EVAULTBALANCE. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_vault_balances(
    const stake_u256 *actual_withdrawal_vault, const stake_u256 *reported_withdrawal_vault,
    const stake_u256 *actual_el_rewards_vault, const stake_u256 *reported_el_rewards_vault);

/* requested <= cover + non_cover shares of the Burner; STAKE_EBURNREQUEST
 * (STAKE_EOVERFLOW if the sum overflows). */
STAKE_API STAKE_WUR stake_rc stake_lido_check_burn_request(const stake_u256 *requested,
                                                           const stake_u256 *cover_shares,
                                                           const stake_u256 *non_cover_shares);

/* The APR cap (_checkAnnualBalancesIncrease). pre_cl is the principal
 * (deposits excluded, withdrawal vault not added); a zero pre_cl counts as
 * 1 gwei, a zero time_elapsed as 1 hour. If post_cl > pre_cl:
 * floor(floor(365 days * 1e4 * (post - pre) / pre) / time) must not
 * exceed annual_balance_increase_bp_limit; STAKE_EAPRLIMIT otherwise. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_annual_increase(const stake_lido_limits *limits,
                                                              const stake_u256 *pre_cl_balance,
                                                              const stake_u256 *post_cl_balance,
                                                              uint64_t time_elapsed);

/* If post > pre validators: post - pre <= floor(appeared_per_day * time /
 * 86400), a zero time counting as 1 hour. STAKE_EAPPEARED. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_appeared_validators(const stake_lido_limits *limits,
                                                                  uint64_t pre_cl_validators,
                                                                  uint64_t post_cl_validators,
                                                                  uint64_t time_elapsed);

/* The AccountingOracle's rate floor(newly_exited * 86400 / time_elapsed)
 * (time_elapsed = SECONDS_PER_SLOT * slots elapsed) may not exceed
 * exited_validators_per_day_limit (checkExitedValidatorsRatePerDay).
 * STAKE_EEXITED; STAKE_EDIVZERO for a zero time. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_exited_validators(const stake_lido_limits *limits,
                                                                uint64_t newly_exited,
                                                                uint64_t time_elapsed);

/* The last finalizable withdrawal request must be at least
 * request_timestamp_margin old: report_timestamp >= request_timestamp +
 * margin, else STAKE_EREQUESTTOORECENT. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_request_timestamp(const stake_lido_limits *limits,
                                                                uint64_t request_timestamp,
                                                                uint64_t report_timestamp);

/* checkSimulatedShareRate: the withdrawals are given back, actual =
 * floor((post_ether + ether_to_finalize) * 1e27 / (post_shares +
 * shares_burnt_for_withdrawals)), and floor(1e4 * |actual - simulated| /
 * actual) may not exceed simulated_share_rate_deviation_bp_limit. A zero
 * actual rate is refused too (ActualShareRateIsZero). Both are
 * STAKE_ESHARERATE. V2 passes total pooled ether and total shares, V3 the
 * internal ones. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_share_rate(const stake_lido_limits *limits,
                                                         const stake_u256 *post_ether,
                                                         const stake_u256 *post_shares,
                                                         const stake_u256 *ether_to_finalize,
                                                         const stake_u256 *shares_burnt_for_withdrawals,
                                                         const stake_u256 *simulated_share_rate);

/* checkAccountingOracleReport: every check in the contract's order
 * (withdrawal vault, EL rewards vault, burn request, negative rebase, APR
 * cap, appeared validators); returns the first failure's code. On success
 * *out is the negative-rebase outcome, whose record goes to the history. */
STAKE_API STAKE_WUR stake_rc stake_lido_check_accounting_report(
    stake_lido_negative_rebase *out, const stake_lido_limits *limits,
    const stake_lido_report_record *history, size_t n, const stake_lido_accounting_report *report,
    const stake_lido_second_opinion *second_opinion);

/* ==== 2. Lido: the positive token rebase limiter ============================== */

#define STAKE_LIDO_REBASE_INPUT_VERSION 1

/* The arguments of smoothenTokenRebase. Under V3 the pooled ether and
 * shares are the internal ones. */
typedef struct stake_lido_rebase_input {
    unsigned version;                          /* STAKE_LIDO_REBASE_INPUT_VERSION */
    stake_u256 pre_total_pooled_ether;
    stake_u256 pre_total_shares;
    stake_u256 pre_cl_balance;                 /* the principal, as for the APR cap */
    stake_u256 post_cl_balance;
    stake_u256 withdrawal_vault_balance;
    stake_u256 el_rewards_vault_balance;
    stake_u256 shares_requested_to_burn;
    stake_u256 ether_to_lock_for_withdrawals;
    stake_u256 new_shares_to_burn_for_withdrawals;
} stake_lido_rebase_input;

/* Zeroes an input and sets its version. */
STAKE_API STAKE_WUR stake_rc stake_lido_rebase_input_init(stake_lido_rebase_input *input,
                                                          unsigned version);

typedef struct stake_lido_smoothed_rebase {
    stake_u256 withdrawals;                /* taken from the withdrawal vault */
    stake_u256 el_rewards;                 /* taken from the EL rewards vault */
    stake_u256 simulated_shares_to_burn;   /* the burn had no withdrawal been finalized
                                              (V2's third return value) */
    stake_u256 shares_to_burn;             /* burnt by this report */
    stake_u256 shares_from_wq_to_burn;     /* shares_to_burn - simulated (V3's third) */
    /* What the cap defers to later reports; nothing is lost: */
    stake_u256 withdrawals_deferred;       /* stays in the withdrawal vault */
    stake_u256 el_rewards_deferred;        /* stays in the EL rewards vault */
    stake_u256 shares_burn_deferred;       /* stays requested in the Burner */
} stake_lido_smoothed_rebase;

/* smoothenTokenRebase with PositiveTokenRebaseLimiter, max_positive_rebase
 * in 1e9 = 100% (STAKE_LIDO_UNLIMITED_REBASE disables it, as does a zero
 * pre_total_pooled_ether). The limit is maxTPE = preTPE + floor(limit *
 * preTPE / 1e9). The CL change moves the current TPE first (a rise is
 * capped at maxTPE); then the withdrawal vault, then the EL rewards vault
 * are taken, each up to what still fits under maxTPE. The share burn is
 * capped at floor(preTS * (limit + 1e9 - floor(curTPE * 1e9 / preTPE)) /
 * (limit + 1e9)) (zero once curTPE reaches maxTPE): first without the
 * withdrawals (simulated), then after subtracting the ether locked for
 * them, for requested + new shares. Refusals: STAKE_EINVAL (a zero limit,
 * TooLowTokenRebaseLimit), STAKE_EUNDERFLOW (a decrease below zero,
 * NegativeTotalPooledEther), STAKE_EOVERFLOW. */
STAKE_API STAKE_WUR stake_rc stake_lido_smoothen_token_rebase(stake_lido_smoothed_rebase *out,
                                                              const stake_lido_rebase_input *input,
                                                              uint64_t max_positive_rebase);

/* ==== 3. Lido oracle: bunker mode and the safe border ========================== */

#define STAKE_LIDO_ORACLE_CONFIG_VERSION 1

/* Chain and frame parameters of the accounting oracle. */
typedef struct stake_lido_oracle_config {
    unsigned version;                          /* STAKE_LIDO_ORACLE_CONFIG_VERSION */
    uint64_t genesis_time;                     /* mainnet 1606824023 */
    uint64_t seconds_per_slot;                 /* 12 */
    uint64_t slots_per_epoch;                  /* 32 */
    uint64_t epochs_per_frame;                 /* 225 (HashConsensus for AccountingOracle) */
    uint64_t initial_epoch;                    /* the frame origin: HashConsensus.
                                                  getFrameConfig().initialEpoch; set it */
    uint64_t max_negative_rebase_epoch_shift;  /* FINALIZATION_MAX_NEGATIVE_REBASE_EPOCH_SHIFT,
                                                  OracleDaemonConfig; 1350 */
    uint64_t epochs_per_slashings_vector;      /* consensus spec: 8192 */
    uint64_t min_validator_withdrawability_delay;  /* consensus spec: 256 */
} stake_lido_oracle_config;

/* Initialises config with mainnet values and initial_epoch 0: read the
 * real one from the chain. */
STAKE_API STAKE_WUR stake_rc stake_lido_oracle_config_init(stake_lido_oracle_config *config,
                                                           unsigned version);

/* bunkerModeSinceTimestamp() when bunker mode is off (the contract's
 * BUNKER_MODE_DISABLED_TIMESTAMP, 2^256 - 1); same as
 * STAKE_QUEUE_BUNKER_DISABLED. */
#define STAKE_LIDO_BUNKER_DISABLED UINT64_MAX

#define STAKE_LIDO_ORACLE_INPUT_VERSION 1

/* What the oracle sees at the reference slot. */
typedef struct stake_lido_oracle_input {
    unsigned version;                          /* STAKE_LIDO_ORACLE_INPUT_VERSION */
    uint64_t ref_slot;
    uint64_t block_timestamp;                  /* timestamp of the reference block */
    uint64_t last_report_ref_slot;             /* AccountingOracle.getLastProcessingRefSlot();
                                                  0: no report yet */
    uint64_t bunker_since_timestamp;           /* WithdrawalQueue.bunkerModeSinceTimestamp() */
    stake_u256 pre_total_pooled_ether;         /* Lido.totalSupply() */
    stake_u256 simulated_post_total_pooled_ether;  /* of the CL-only simulation */
    int high_midterm_slashing_penalty;         /* computed by the caller */
    int abnormal_cl_rebase;                    /* computed by the caller */
    int has_slashings;                         /* slashed, not yet withdrawable Lido validators */
    uint64_t earliest_slashed_epoch;           /* ... their earliest slashed epoch */
} stake_lido_oracle_input;

/* Zeroes an input, sets its version and bunker_since_timestamp to
 * STAKE_LIDO_BUNKER_DISABLED. */
STAKE_API STAKE_WUR stake_rc stake_lido_oracle_input_init(stake_lido_oracle_input *input,
                                                          unsigned version);

/* The oracle's CL rebase of the frame in gwei: (post - pre) // 1e9 with
 * Python's floor division, as a sign and a magnitude (a loss of 1 wei is
 * -1 gwei). */
STAKE_API STAKE_WUR stake_rc stake_lido_cl_rebase_gwei(int *negative, stake_u256 *magnitude,
                                                       const stake_u256 *pre_total_pooled_ether,
                                                       const stake_u256 *post_total_pooled_ether);

typedef enum stake_lido_bunker_reason {
    STAKE_LIDO_BUNKER_OFF = 0,                 /* no condition holds */
    STAKE_LIDO_BUNKER_FIRST_REPORT = 1,        /* no report yet: never bunker */
    STAKE_LIDO_BUNKER_NEGATIVE_CL_REBASE = 2,
    STAKE_LIDO_BUNKER_MIDTERM_PENALTY = 3,
    STAKE_LIDO_BUNKER_ABNORMAL_CL_REBASE = 4
} stake_lido_bunker_reason;

typedef struct stake_lido_bunker {
    int active;                                /* the report's isBunkerMode */
    stake_lido_bunker_reason reason;           /* the first condition that holds */
    uint64_t start_timestamp;                  /* what the report passes to
                                                  WithdrawalQueue.onOracleReport: the last
                                                  report's timestamp */
    uint64_t since_timestamp;                  /* bunkerModeSinceTimestamp() after the report */
} stake_lido_bunker;

/* BunkerService.is_bunker_mode: off for the first report
 * (last_report_ref_slot 0); otherwise on if the CL rebase from
 * pre_total_pooled_ether to simulated_post_total_pooled_ether is negative,
 * or else the midterm-penalty flag, or else the abnormal-rebase flag is
 * set. Then the queue's transition: when bunker mode turns on, it starts
 * at genesis + last_report_ref_slot * seconds_per_slot; while it stays on
 * the start is kept; off is STAKE_LIDO_BUNKER_DISABLED. The two flags are
 * inputs: the abnormal-rebase heuristic needs floating point (a square
 * root) and the midterm penalty the validator set, both out of scope.
 * STAKE_EOVERFLOW if the start timestamp reaches 2^64 - 1. */
STAKE_API STAKE_WUR stake_rc stake_lido_bunker_mode(stake_lido_bunker *out,
                                                    const stake_lido_oracle_config *config,
                                                    const stake_lido_oracle_input *input);

typedef struct stake_lido_safe_border_result {
    uint64_t epoch;                            /* requests up to it may be finalized */
    uint64_t max_request_timestamp;            /* genesis + epoch * slots * seconds per slot */
    uint64_t default_shift;                    /* ceil(margin / seconds per epoch), epochs */
} stake_lido_safe_border_result;

/* SafeBorder.get_safe_border_epoch and the timestamp passed to
 * calculateFinalizationBatches. With d = ceil(request_timestamp_margin /
 * (slots_per_epoch * seconds_per_slot)) and R = ref_slot / slots_per_epoch:
 *  - not bunker: R - d;
 *  - bunker: min(negative-rebase border, associated-slashings border):
 *    max(R - max_negative_rebase_epoch_shift, S - d), where S is the epoch
 *    of bunker_since_timestamp if it is not STAKE_LIDO_BUNKER_DISABLED
 *    and not after block_timestamp, else that of last_report_ref_slot if
 *    non-zero, else initial_epoch; and the frame start of
 *    earliest_slashed_epoch (initial_epoch + floor((e - initial_epoch) /
 *    epochs_per_frame) * epochs_per_frame) minus d, or the
 *    default border if there are no slashings. As in the oracle, a slashed
 *    epoch of 0 counts as none (Python's falsy 0).
 * Intermediate values may be negative, as in Python; a negative result is
 * STAKE_EUNDERFLOW, a timestamp beyond 64 bits STAKE_EOVERFLOW. */
STAKE_API STAKE_WUR stake_rc stake_lido_safe_border(stake_lido_safe_border_result *out,
                                                    const stake_lido_oracle_config *config,
                                                    const stake_lido_limits *limits,
                                                    const stake_lido_oracle_input *input,
                                                    int bunker);

/* A validator as the safe border needs it. */
typedef struct stake_lido_validator_epochs {
    int slashed;
    uint64_t exit_epoch;                       /* FAR_FUTURE_EPOCH (2^64 - 1) if none */
    uint64_t withdrawable_epoch;
} stake_lido_validator_epochs;

typedef enum stake_lido_slashed_epoch_status {
    STAKE_LIDO_SLASHED_NONE = 0,               /* no slashed, non-withdrawable validator */
    STAKE_LIDO_SLASHED_PREDICTED = 1,          /* *epoch is the earliest slashed epoch */
    STAKE_LIDO_SLASHED_UNDETECTABLE = 2        /* exit and withdrawable epochs are exactly
                                                  MIN_VALIDATOR_WITHDRAWABILITY_DELAY apart,
                                                  or the prediction is epoch 0: the oracle
                                                  searches the frames with beacon states,
                                                  which the caller must do */
} stake_lido_slashed_epoch_status;

/* The oracle's earliest slashed epoch among incomplete slashings: of the
 * slashed validators with withdrawable_epoch > ref_epoch, those with the
 * earliest exit epoch are examined in order; each predicts
 * withdrawable_epoch - epochs_per_slashings_vector, and the smallest is
 * kept; a prediction of 0 is UNDETECTABLE, as the oracle's falsy test
 * sends it to the frame search. *epoch
 * is written (0 unless PREDICTED). STAKE_EINVAL if an examined validator's
 * exit and withdrawable epochs are closer than the delay (WrongExitPeriod),
 * STAKE_EUNDERFLOW for a negative prediction. */
STAKE_API STAKE_WUR stake_rc stake_lido_earliest_slashed_epoch(
    stake_lido_slashed_epoch_status *status, uint64_t *epoch,
    const stake_lido_oracle_config *config, uint64_t ref_epoch,
    const stake_lido_validator_epochs *validators, size_t n);

/* ==== 4. Rocket Pool: the loss waterfall, node bond first ====================== */

#define STAKE_ROCKETPOOL_MINIPOOL_VERSION 1

/* A legacy minipool (RocketMinipoolDelegate v3, Solidity 0.7.6 with
 * SafeMath: every operation checked). */
typedef struct stake_rocketpool_minipool {
    unsigned version;                          /* STAKE_ROCKETPOOL_MINIPOOL_VERSION */
    stake_u256 node_deposit_balance;           /* the node's capital (its bond) */
    stake_u256 user_deposit_balance;           /* getUserDepositBalance() */
    stake_u256 node_fee;                       /* commission, 1e18 = 100% */
    stake_u256 penalty_rate;                   /* minipool.penalty.rate, 1e18 = 100% */
    stake_u256 max_penalty_rate;               /* RocketMinipoolPenalty's cap; 0 disables */
    int first_distribution;                    /* withdrawalBlock == 0: a shortfall is recorded */
} stake_rocketpool_minipool;

/* Zeroes a minipool and sets its version. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_minipool_init(stake_rocketpool_minipool *minipool,
                                                            unsigned version);

/* calculateNodeRewards: node portion floor(R * node / (user + node)) plus
 * floor((R - that) * node_fee / 1e18). STAKE_EOVERFLOW, STAKE_EDIVZERO
 * (no capital). */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_node_rewards(stake_u256 *out,
                                                           const stake_u256 *node_capital,
                                                           const stake_u256 *user_capital,
                                                           const stake_u256 *rewards,
                                                           const stake_u256 *node_fee);

/* calculateNodeShare(balance), balance excluding the refund: below 8 ether
 * the node's rewards; else _calculateNodeShare: above the capital, node
 * capital plus its rewards on the excess; between user capital and the
 * capital, balance - user capital (the node absorbs the loss first); else
 * 0. Then the penalty min(penalty_rate, max_penalty_rate) (none if the cap
 * is 0) takes floor(share * rate / 1e18), at most the share. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_minipool_node_share(
    stake_u256 *out, const stake_rocketpool_minipool *minipool, const stake_u256 *balance);

typedef struct stake_rocketpool_minipool_split {
    int full_withdrawal;                       /* balance >= 8 ether */
    stake_u256 node_amount;                    /* added to nodeRefundBalance */
    stake_u256 user_amount;                    /* sent to rETH */
    stake_u256 penalty;                        /* taken from the node's share */
    stake_u256 node_slash_balance;             /* user capital - balance when the balance is
                                                  below it on the first distribution: the
                                                  shortfall to slash from the node's RPL */
} stake_rocketpool_minipool_split;

/* distributeBalance for a staking minipool, balance = its ETH minus
 * nodeRefundBalance. From 8 ether on, a full withdrawal (_distributeBalance):
 * below user capital the users get everything and the shortfall is
 * recorded, else the node gets _calculateNodeShare. Below 8 ether, skimmed
 * rewards split by calculateNodeRewards. Always node + user == balance.
 * STAKE_EUNDERFLOW where a node fee above 1e18 gives the node more than the
 * balance (SafeMath's sub reverts). */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_minipool_distribute(
    stake_rocketpool_minipool_split *out, const stake_rocketpool_minipool *minipool,
    const stake_u256 *balance);

#define STAKE_ROCKETPOOL_MEGAPOOL_VERSION 1

/* A Saturn megapool's capital and debt (RocketMegapoolDelegate, Solidity
 * 0.8 checked arithmetic). */
typedef struct stake_rocketpool_megapool {
    unsigned version;                          /* STAKE_ROCKETPOOL_MEGAPOOL_VERSION */
    stake_u256 node_bond;
    stake_u256 node_queued_bond;
    stake_u256 user_capital;
    stake_u256 debt;
} stake_rocketpool_megapool;

/* Zeroes a megapool and sets its version. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_megapool_init(stake_rocketpool_megapool *megapool,
                                                            unsigned version);

/* _calculateCapitalDispersal(value, n): with the bond requirement for the
 * n validators left (RocketNodeDeposit.getBondRequirement(n), an input),
 * node = min(max(0, node_bond + node_queued_bond - requirement), value,
 * node_bond) and user = value - node. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_capital_dispersal(
    stake_u256 *node_share, stake_u256 *user_share, const stake_rocketpool_megapool *megapool,
    const stake_u256 *value, const stake_u256 *bond_requirement);

typedef struct stake_rocketpool_exit {
    stake_u256 node_share;                     /* capital dispersal of the deposit */
    stake_u256 user_share;
    stake_u256 to_node;                        /* added to refundValue */
    stake_u256 to_user;                        /* sent to rETH, debt repaid included */
    stake_u256 shortfall;                      /* new debt: user share not covered */
    stake_u256 debt_repaid;                    /* from the node's amount */
    int incurs_shortfall;
    stake_rocketpool_megapool after;           /* bond, capital and debt after the exit */
} stake_rocketpool_exit;

/* _notifyFinalBalance of a validator that was not dissolved: the deposit
 * (deposit_value_milli * 1e15) is dispersed as above; the node's share
 * takes the shortfall of the withdrawal (amount_gwei * 1e9) first, the
 * users get the rest; if that is below their share, debt grows by the
 * difference; a remaining node amount repays existing debt first (to
 * rETH). Then node_bond and user_capital drop by the shares.
 * to_node + to_user == the withdrawal. STAKE_EUNDERFLOW if user_capital is
 * below the user share, STAKE_EOVERFLOW. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_megapool_final_balance(
    stake_rocketpool_exit *out, const stake_rocketpool_megapool *megapool,
    uint32_t deposit_value_milli, uint64_t amount_gwei, const stake_u256 *bond_requirement);

#define STAKE_ROCKETPOOL_REVENUE_VERSION 1

/* What RocketNetworkRevenues returns for the period since the last
 * distribution. */
typedef struct stake_rocketpool_revenue {
    unsigned version;                          /* STAKE_ROCKETPOOL_REVENUE_VERSION */
    uint64_t last_distribution_time;           /* 0: never distributed */
    stake_u256 voter_share;                    /* calculateSplit(), 1e18 = 100% */
    stake_u256 protocol_dao_share;
    stake_u256 reth_share;
    stake_u256 average_capital_ratio;          /* node bond / capital, 1e18 = 100% */
} stake_rocketpool_revenue;

/* Zeroes a revenue split and sets its version. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_revenue_init(stake_rocketpool_revenue *revenue,
                                                           unsigned version);

typedef struct stake_rocketpool_rewards {
    stake_u256 node;                           /* to refundValue, after the debt repayment */
    stake_u256 voter;
    stake_u256 protocol_dao;
    stake_u256 reth;
    stake_u256 debt_repaid;                    /* from the node's part, sent to rETH */
    stake_u256 debt_after;
} stake_rocketpool_rewards;

/* calculateRewards and _distributeAmount's debt rule: borrowed = amount -
 * floor(amount * ratio / 1e18); reth, voter and pDAO parts are
 * floor(share * borrowed / 1e18) each; the node gets the remainder, of
 * which min(node, debt) repays the debt first. Everything to the node if
 * never distributed. The split is unchecked in the contract (it wraps
 * modulo 2^256), so it is here. STAKE_EINVAL for a ratio or a sum of
 * shares above 1e18 (the contract's requires), STAKE_EOVERFLOW if the
 * shares' sum overflows. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_megapool_rewards(
    stake_rocketpool_rewards *out, const stake_rocketpool_revenue *revenue,
    const stake_u256 *amount, const stake_u256 *debt);

/* _claim: the refund value repays the debt first; *to_node gets what is
 * left, *debt_repaid what went to rETH. */
STAKE_API STAKE_WUR stake_rc stake_rocketpool_megapool_claim(stake_u256 *to_node,
                                                             stake_u256 *debt_repaid,
                                                             const stake_u256 *refund_value,
                                                             const stake_u256 *debt);

#ifdef __cplusplus
}
#endif

#endif /* STAKE_RISK_H */
