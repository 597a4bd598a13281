// Member codes (DQM1) and attendance receipts (DQR1): the texts a camera or a phone photo hands
// the kiosk and the office tool. The first byte picks the mode; the others are the input.
//   0 / 2: the raw text of a member code / receipt, as scanned
//   1 / 3: a payload JSON that this target signs with its trusted key first, so the fuzzer gets
//          past the signature check and into the payload's rules (what a leaked or buggy
//          issuing tool could produce)
#include "clock.h"
#include "fuzzsupport.h"
#include "membercode.h"
#include "receiptverifier.h"

#include <sodium.h>

namespace {

struct Keys
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    Keys()
    {
        unsigned char seed[crypto_sign_SEEDBYTES] = {42};
        crypto_sign_seed_keypair(pk, sk, seed); // fixed: runs are reproducible
    }
    QByteArray publicKey() const { return QByteArray(reinterpret_cast<const char *>(pk), sizeof pk); }
};

const Keys &keys()
{
    static const Keys k;
    return k;
}

QByteArray signedText(const char *prefix, const QByteArray &payloadJson)
{
    const QByteArray message = QByteArray(prefix)
        + payloadJson.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char *>(message.constData()),
                         size_t(message.size()), keys().sk);
    return message + '.'
        + QByteArray(reinterpret_cast<const char *>(sig), sizeof sig)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

KIOSK_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const FixedClock clock(QDateTime(QDate(2026, 7, 1), QTime(9, 30)));
    static MemberCodeVerifier members = [] {
        MemberCodeVerifier v(clock);
        v.addTrustedIssuer(QStringLiteral("street-1"), keys().publicKey());
        v.setRevoked({QStringLiteral("street-1:XF0009")});
        return v;
    }();
    static ReceiptVerifier receipts = [] {
        ReceiptVerifier v;
        v.addTrustedKiosk(QStringLiteral("c1"), QStringLiteral("k1"), keys().publicKey());
        return v;
    }();

    const QByteArray input = fuzzInput(data + 1, size - 1);
    switch (data[0] % 4) {
    case 0:
        members.verify(input);
        break;
    case 1: {
        const MemberCodeVerdict v = members.verify(signedText("DQM1.", input));
        if (v.ok() && !v.code.validate().isEmpty())
            __builtin_trap(); // an accepted code must satisfy every field rule
        break;
    }
    case 2:
        receipts.verify(input);
        break;
    case 3: {
        const ReceiptVerdict v = receipts.verify(signedText("DQR1.", input));
        if (v.ok())
            ReceiptVerifier::describe(v.receipt);
        break;
    }
    }
    return 0;
}
