#pragma once
#include <QByteArray>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <cstddef>
#include <cstdint>

// Shared by the fuzz targets: the input as a QByteArray without a copy, and a quiet log (the
// parsers log every refusal; millions of lines would only slow the fuzzer down).
inline QByteArray fuzzInput(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline void quietLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
}

#define KIOSK_FUZZ_INIT                                                                            \
    extern "C" int LLVMFuzzerInitialize(int *, char ***)                                           \
    {                                                                                              \
        quietLogs();                                                                               \
        return 0;                                                                                  \
    }
