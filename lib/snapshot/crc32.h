/*
 * Internal: CRC-32 for snapshot files.
 */
#ifndef STAKE_SNAPSHOT_CRC32_H
#define STAKE_SNAPSHOT_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* CRC-32 of data[0..len); "123456789" gives 0xCBF43926. */
uint32_t stake__crc32(const void *data, size_t len);

/* Continues a CRC: stake__crc32_update(stake__crc32(a, n), b, m) is the
 * CRC of a followed by b. Start from 0. */
uint32_t stake__crc32_update(uint32_t crc, const void *data, size_t len);

#endif /* STAKE_SNAPSHOT_CRC32_H */
