// Question banks: the distributed JSON and the CSV staff import with dangqun-admin.
#include "fuzzsupport.h"
#include "quizbank.h"
#include "quizcsvreader.h"

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzzInput(data, size);
    QuizBankReader::fromJson(input);
    QuizCsvReader::fromCsv(input, QStringLiteral("fuzz"), QStringLiteral("题库"), QStringLiteral("1"));
    return 0;
}
