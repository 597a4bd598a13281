#include "clock.h"
#include "issuerkey.h"
#include "membercode.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using Verdict = MemberCodeVerdict::Verdict;

// Every verdict of a scan (design.md §3), and the hostile input of design.md §9: forged, truncated,
// oversized, binary and injection-laden texts must be refused cleanly and never read as Ok.
class TestMemberCode : public QObject
{
    Q_OBJECT

private:
    static constexpr auto url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

    QTemporaryDir m_dir;
    FixedClock m_clock{QDateTime(QDate(2026, 7, 1), QTime(1, 30), Qt::UTC)};
    IssuerKey m_key = IssuerKey::generate(QStringLiteral("street-1"));
    // A bare libsodium pair for hand-made payloads, trusted as issuer "raw-1", so that a payload
    // with a bad shape still carries a good signature and only the shape check can refuse it.
    QByteArray m_rawPk = QByteArray(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    QByteArray m_rawSk = QByteArray(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);

    MemberCode sample() const
    {
        MemberCode c;
        c.issuer = QStringLiteral("street-1");
        c.memberId = QStringLiteral("310101-0001");
        c.name = QStringLiteral("张三明");
        c.org = QStringLiteral("幸福社区第一党支部");
        c.kind = MemberCode::Kind::Member;
        c.issuedAt = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC);
        return c;
    }

    std::unique_ptr<MemberCodeVerifier> verifier() const
    {
        auto v = std::make_unique<MemberCodeVerifier>(m_clock);
        v->addTrustedIssuer(QStringLiteral("street-1"), m_key.publicKey());
        v->addTrustedIssuer(QStringLiteral("raw-1"), m_rawPk);
        return v;
    }

    QString sign(const MemberCode &c) const
    {
        QString error;
        const QString text = m_key.sign(c, &error);
        if (text.isEmpty())
            qWarning() << "sign failed:" << error;
        return text;
    }

    QByteArray rawSignature(const QByteArray &message) const
    {
        QByteArray sig(crypto_sign_BYTES, Qt::Uninitialized);
        crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr,
                             reinterpret_cast<const unsigned char *>(message.constData()), message.size(),
                             reinterpret_cast<const unsigned char *>(m_rawSk.constData()));
        return sig;
    }

    // A correctly signed text around any payload bytes.
    QByteArray craft(const QByteArray &payload) const
    {
        const QByteArray message = "DQM1." + payload.toBase64(url);
        return message + '.' + rawSignature(message).toBase64(url);
    }

    static QByteArray rawJson(const QByteArray &inner)
    {
        return "{" + inner + "}";
    }
    static QByteArray validInner()
    {
        return R"("v":1,"iss":"raw-1","mid":"m1","n":"李四","org":"支部","kind":"member","iat":1780000000)";
    }

    static QList<QByteArray> parts(const QString &text) { return text.toLatin1().split('.'); }
    static QString join(const QByteArray &a, const QByteArray &b, const QByteArray &c)
    {
        return QString::fromLatin1(a + '.' + b + '.' + c);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        QVERIFY(m_dir.isValid());
        QVERIFY(!m_key.isNull());
        crypto_sign_keypair(reinterpret_cast<unsigned char *>(m_rawPk.data()),
                            reinterpret_cast<unsigned char *>(m_rawSk.data()));
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.core.debug=false"));
    }

    // A few checks assert which rule refused a text through its debug line; the rest stay quiet.
    void init()
    {
        const bool wantsDebug = qstrcmp(QTest::currentTestFunction(), "sizeLimit") == 0
                || qstrcmp(QTest::currentTestFunction(), "invalidUtf8") == 0;
        QLoggingCategory::setFilterRules(QStringLiteral("kiosk.core.debug=%1").arg(wantsDebug ? u"true" : u"false"));
    }

    void verdictNamesAreStable()
    {
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::Ok), u"ok");
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::BadSignature), u"bad_signature");
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::UnknownIssuer), u"unknown_issuer");
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::Expired), u"expired");
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::Revoked), u"revoked");
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::Malformed), u"malformed");
        QCOMPARE(MemberCodeVerifier::verdictName(Verdict::NotMemberCode), u"not_member_code");
    }

    void payloadIsCompactWithFixedKeyOrder()
    {
        MemberCode c = sample();
        c.name = QStringLiteral("a\"b\\c");
        c.expiresAt = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
        // Plain escapes, not a raw string: moc misreads \" inside raw strings.
        const QByteArray expected = QStringLiteral("{\"v\":1,\"iss\":\"street-1\",\"mid\":\"310101-0001\","
                                                   "\"n\":\"a\\\"b\\\\c\",\"org\":\"幸福社区第一党支部\","
                                                   "\"kind\":\"member\",\"iat\":1780272000,\"exp\":1798761600}")
                                            .toUtf8();
        QCOMPARE(c.payloadJson(), expected);
        const QString text = sign(c);
        QVERIFY(text.startsWith(u"DQM1."));
        QCOMPARE(parts(text).size(), 3);
        QCOMPARE(QByteArray::fromBase64(parts(text).at(1), url), c.payloadJson());
        QCOMPARE(QByteArray::fromBase64(parts(text).at(2), url).size(), 64);
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("org");
        QTest::addColumn<bool>("flowing");
        QTest::addColumn<bool>("expires");
        QTest::newRow("plain") << QStringLiteral("张三明") << QStringLiteral("幸福社区第一党支部") << false << false;
        QTest::newRow("flowing, expires") << QStringLiteral("李四") << QStringLiteral("外省某县某村党支部") << true << true;
        QTest::newRow("sql injection") << QStringLiteral("'; DROP TABLE members;--")
                                       << QStringLiteral("x'); DELETE FROM checkins; --") << false << false;
        QTest::newRow("emoji") << QStringLiteral("王🇨🇳明👨‍👩‍👧‍👦") << QStringLiteral("🚩支部😀") << false << true;
        QTest::newRow("quotes and backslashes") << QStringLiteral("a\"b\\c'd</script>") << QStringLiteral("{\"a\":1}")
                                                << true << false;
        QTest::newRow("64 characters") << QString(64, u'党') << QString(128, u'组') << false << false;
    }
    void roundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QString, org);
        QFETCH(bool, flowing);
        QFETCH(bool, expires);
        MemberCode c = sample();
        c.name = name;
        c.org = org;
        c.kind = flowing ? MemberCode::Kind::Flowing : MemberCode::Kind::Member;
        if (expires)
            c.expiresAt = m_clock.now().addDays(30);
        const QString text = sign(c);
        QVERIFY(!text.isEmpty());
        const MemberCodeVerdict v = verifier()->verify(text);
        QCOMPARE(MemberCodeVerifier::verdictName(v.verdict), u"ok");
        QVERIFY(v.ok());
        QVERIFY(v.reason.isEmpty());
        QCOMPARE(v.code, c);
        QCOMPARE(v.code.name, name); // byte for byte, emoji sequences included
        // The raw-bytes entry point agrees.
        QCOMPARE(verifier()->verify(text.toUtf8()).code, c);
    }

    void notMemberCode_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("url") << QByteArray("https://example.com/?a=DQM1.x.y");
        QTest::newRow("lower case prefix") << QByteArray("dqm1.abc.def");
        QTest::newRow("other version") << QByteArray("DQM2.abc.def");
        QTest::newRow("no dot") << QByteArray("DQM1");
        QTest::newRow("leading space") << QByteArray(" DQM1.abc.def");
        QTest::newRow("sql") << QByteArray("'; DROP TABLE members;--");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe\x01\x80", 5);
        QTest::newRow("long garbage") << QByteArray(5000, 'x');
    }
    void notMemberCode()
    {
        QFETCH(QByteArray, text);
        const auto v = verifier();
        for (const MemberCodeVerdict &r : {v->verify(text), v->verify(QString::fromLatin1(text))}) {
            QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"not_member_code");
            QVERIFY(r.code.isNull());
            QVERIFY(!r.reason.isEmpty());
        }
    }

    void malformedShape_data()
    {
        QTest::addColumn<QByteArray>("text");
        const QString good = sign(sample());
        const QByteArray p = parts(good).at(1), s = parts(good).at(2);
        QTest::newRow("prefix only") << QByteArray("DQM1.");
        QTest::newRow("empty parts") << QByteArray("DQM1..");
        QTest::newRow("two parts") << "DQM1." + p;
        QTest::newRow("four parts") << "DQM1." + p + "." + s + ".x";
        QTest::newRow("empty signature") << "DQM1." + p + ".";
        QTest::newRow("padded payload") << "DQM1." + p + "==." + s;
        QTest::newRow("standard base64 chars") << "DQM1." + p + "+/." + s;
        QTest::newRow("space in payload") << "DQM1." + p.left(10) + " " + p.mid(10) + "." + s;
        QTest::newRow("non-ascii") << QByteArray("DQM1.\xe5\x85\x9a.") + s;
        QTest::newRow("truncated signature") << "DQM1." + p + "." + s.chopped(2);
        QTest::newRow("short signature") << "DQM1." + p + "." + QByteArray(63, 'x').toBase64(url);
        QTest::newRow("long signature") << "DQM1." + p + "." + QByteArray(65, 'x').toBase64(url);
        QTest::newRow("truncated payload") << "DQM1." + p.chopped(3) + "." + s;
        QTest::newRow("non-canonical trailing bits") << "DQM1." + p.chopped(1) + "_." + s;
        QTest::newRow("binary after prefix") << QByteArray("DQM1.\x01\x02\x03\x00\x04.x", 13);
        QTest::newRow("sql after prefix") << QByteArray("DQM1.'; DROP TABLE members;--.x");
    }
    void malformedShape()
    {
        QFETCH(QByteArray, text);
        const MemberCodeVerdict r = verifier()->verify(text);
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"malformed");
        QVERIFY(r.code.isNull()); // never a partial result
        QVERIFY(!r.reason.isEmpty());
    }

    void nonCanonicalBase64()
    {
        // The signature's last character carries 4 unused bits. Setting them decodes to the same 64
        // bytes, so a lenient decoder would accept a second text for one code.
        const QList<QByteArray> p = parts(sign(sample()));
        const QByteArray alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int variants = 0;
        for (const char x : alphabet) {
            const QByteArray sig = p[2].chopped(1) + x;
            if (sig == p[2] || QByteArray::fromBase64(sig, url) != QByteArray::fromBase64(p[2], url))
                continue;
            ++variants;
            QCOMPARE(verifier()->verify(join(p[0], p[1], sig)).verdict, Verdict::Malformed);
        }
        QCOMPARE(variants, 15);
    }

    void malformedPayload_data()
    {
        QTest::addColumn<QByteArray>("payload");
        const QByteArray tail = R"("n":"李四","org":"支部","kind":"member","iat":1780000000)";
        QTest::newRow("not json") << QByteArray("hello");
        QTest::newRow("truncated json") << rawJson(validInner()).chopped(1);
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("string") << QByteArray("\"DQM1\"");
        QTest::newRow("empty object") << QByteArray("{}");
        QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe{}", 6);
        QTest::newRow("invalid utf-8 inside") << QByteArray(R"({"v":1,"iss":"raw-1","mid":"m1","n":")") + "\xff\xfe"
                        + R"(","org":"o","kind":"member","iat":1780000000})";
        QTest::newRow("overlong utf-8") << QByteArray(R"({"v":1,"iss":"raw-1","mid":"m1","n":")") + "\xc0\xaf"
                        + R"(","org":"o","kind":"member","iat":1780000000})";
        QTest::newRow("v missing") << rawJson(R"("iss":"raw-1","mid":"m1",)" + tail);
        QTest::newRow("v 2") << rawJson(R"("v":2,"iss":"raw-1","mid":"m1",)" + tail);
        QTest::newRow("v 0") << rawJson(R"("v":0,"iss":"raw-1","mid":"m1",)" + tail);
        QTest::newRow("v string") << rawJson(R"("v":"1","iss":"raw-1","mid":"m1",)" + tail);
        QTest::newRow("v 1.5") << rawJson(R"("v":1.5,"iss":"raw-1","mid":"m1",)" + tail);
        QTest::newRow("iss missing") << rawJson(R"("v":1,"mid":"m1",)" + tail);
        QTest::newRow("iss number") << rawJson(R"("v":1,"iss":7,"mid":"m1",)" + tail);
        QTest::newRow("iss path") << rawJson(R"("v":1,"iss":"../../etc/passwd","mid":"m1",)" + tail);
        QTest::newRow("iss empty") << rawJson(R"("v":1,"iss":"","mid":"m1",)" + tail);
        QTest::newRow("mid missing") << rawJson(R"("v":1,"iss":"raw-1",)" + tail);
        QTest::newRow("mid empty") << rawJson(R"("v":1,"iss":"raw-1","mid":"",)" + tail);
        QTest::newRow("mid number") << rawJson(R"("v":1,"iss":"raw-1","mid":123,)" + tail);
        QTest::newRow("mid colon") << rawJson(R"("v":1,"iss":"raw-1","mid":"a:b",)" + tail);
        QTest::newRow("mid sql") << rawJson(R"("v":1,"iss":"raw-1","mid":"1' OR '1'='1",)" + tail);
        QTest::newRow("mid 65") << rawJson(R"("v":1,"iss":"raw-1","mid":")" + QByteArray(65, '9') + "\"," + tail);
        const QByteArray head = R"("v":1,"iss":"raw-1","mid":"m1",)";
        const QByteArray rest = R"("kind":"member","iat":1780000000)";
        QTest::newRow("n missing") << rawJson(head + R"("org":"o",)" + rest);
        QTest::newRow("n empty") << rawJson(head + R"("n":"","org":"o",)" + rest);
        QTest::newRow("n blank") << rawJson(head + R"("n":"   ","org":"o",)" + rest);
        QTest::newRow("n null") << rawJson(head + R"("n":null,"org":"o",)" + rest);
        QTest::newRow("n array") << rawJson(head + R"("n":["a"],"org":"o",)" + rest);
        QTest::newRow("n newline") << rawJson(head + R"("n":"a\nb","org":"o",)" + rest);
        QTest::newRow("n escape sequence") << rawJson(head + "\"n\":\"a\\u001b[2Jb\",\"org\":\"o\"," + rest);
        QTest::newRow("n lone surrogate") << rawJson(head + R"("n":"a\ud800b","org":"o",)" + rest);
        QTest::newRow("n 65") << rawJson(head + "\"n\":\"" + QString(65, u'党').toUtf8() + R"(","org":"o",)" + rest);
        QTest::newRow("org missing") << rawJson(head + R"("n":"n",)" + rest);
        QTest::newRow("org empty") << rawJson(head + R"("n":"n","org":"",)" + rest);
        QTest::newRow("org 129") << rawJson(head + R"("n":"n","org":")" + QByteArray(129, 'o') + "\"," + rest);
        const QByteArray named = head + R"("n":"n","org":"o",)";
        QTest::newRow("kind missing") << rawJson(named + R"("iat":1780000000)");
        QTest::newRow("kind unknown") << rawJson(named + R"("kind":"leader","iat":1780000000)");
        QTest::newRow("kind upper case") << rawJson(named + R"("kind":"MEMBER","iat":1780000000)");
        QTest::newRow("kind number") << rawJson(named + R"("kind":1,"iat":1780000000)");
        const QByteArray kinded = named + R"("kind":"member")";
        QTest::newRow("iat missing") << rawJson(kinded);
        QTest::newRow("iat string") << rawJson(kinded + R"(,"iat":"1780000000")");
        QTest::newRow("iat negative") << rawJson(kinded + R"(,"iat":-5)");
        QTest::newRow("iat fraction") << rawJson(kinded + R"(,"iat":1780000000.5)");
        QTest::newRow("iat huge") << rawJson(kinded + R"(,"iat":1e300)");
        QTest::newRow("exp string") << rawJson(kinded + R"(,"iat":1780000000,"exp":"2027-01-01")");
        QTest::newRow("exp null") << rawJson(kinded + R"(,"iat":1780000000,"exp":null)");
        QTest::newRow("exp before iat") << rawJson(kinded + R"(,"iat":1780000000,"exp":1700000000)");
        QTest::newRow("exp equals iat") << rawJson(kinded + R"(,"iat":1780000000,"exp":1780000000)");
    }
    void malformedPayload()
    {
        QFETCH(QByteArray, payload);
        const auto v = verifier();
        // The same shape with a good payload verifies, so the refusal below is about the payload.
        QVERIFY(v->verify(craft(rawJson(validInner()))).ok());
        const MemberCodeVerdict r = v->verify(craft(payload));
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"malformed");
        QVERIFY(r.code.isNull());
        QVERIFY(!r.reason.isEmpty());
    }

    void unknownFieldsAreIgnored()
    {
        const auto r = verifier()->verify(craft(rawJson(validInner() + R"(,"note":"future")")));
        QVERIFY(r.ok());
        QCOMPARE(r.code.memberId, u"m1");
    }

    void sizeLimit()
    {
        // Pad an otherwise valid, correctly signed payload until the text has the wanted length.
        const auto textOfLength = [this](int target) -> QByteArray {
            for (int pad = 0; pad < 1200; ++pad) {
                const QByteArray t = craft(rawJson(validInner() + R"(,"pad":")" + QByteArray(pad, 'x') + "\""));
                if (t.size() == target)
                    return t;
            }
            return {};
        };
        const QByteArray exact = textOfLength(MemberCode::MaxTextBytes);
        QCOMPARE(exact.size(), 1024);
        QVERIFY(verifier()->verify(exact).ok());
        QVERIFY(verifier()->verify(QString::fromLatin1(exact)).ok());

        const QByteArray over = textOfLength(1026); // valid in every way but its length
        QCOMPARE(over.size(), 1026);
        const QByteArray oversized = exact + 'A'; // 1,025 bytes
        QCOMPARE(oversized.size(), 1025);
        for (const QByteArray &t : {over, oversized}) {
            QTest::ignoreMessage(QtDebugMsg, "malformed member code: longer than 1024 bytes");
            QCOMPARE(verifier()->verify(t).verdict, Verdict::Malformed);
            QTest::ignoreMessage(QtDebugMsg, "malformed member code: longer than 1024 bytes");
            QCOMPARE(verifier()->verify(QString::fromLatin1(t)).verdict, Verdict::Malformed);
        }
        QTest::ignoreMessage(QtDebugMsg, "malformed member code: longer than 1024 bytes");
        QCOMPARE(verifier()->verify("DQM1." + QByteArray(1 << 20, 'A')).verdict, Verdict::Malformed);

        // The signer refuses what the verifier would refuse.
        MemberCode big = sample();
        big.name = QString(64, u'党');
        big.org = QString(128, u'党');
        QString error;
        QVERIFY(m_key.sign(big, &error).isEmpty());
        QVERIFY(error.contains(u"1024"));
    }

    void invalidUtf8()
    {
        const QByteArray good = sign(sample()).toLatin1();
        QTest::ignoreMessage(QtDebugMsg, "malformed member code: not valid UTF-8");
        QCOMPARE(verifier()->verify(QByteArray("DQM1.\xff\xfe\xfd.abc")).verdict, Verdict::Malformed);
        QTest::ignoreMessage(QtDebugMsg, "malformed member code: not valid UTF-8");
        QCOMPARE(verifier()->verify(good + "\xc3").verdict, Verdict::Malformed); // cut-off sequence
        QTest::ignoreMessage(QtDebugMsg, "malformed member code: not valid UTF-8");
        QCOMPARE(verifier()->verify(QByteArray("DQM1.\xed\xa0\x80.x")).verdict, Verdict::Malformed); // surrogate

        QString loneSurrogate = QString::fromLatin1(good);
        loneSurrogate.insert(10, QChar(0xD800));
        QTest::ignoreMessage(QtDebugMsg, "malformed member code: not valid Unicode");
        QCOMPARE(verifier()->verify(loneSurrogate).verdict, Verdict::Malformed);
    }

    void unknownIssuer()
    {
        const IssuerKey other = IssuerKey::generate(QStringLiteral("other-street"));
        MemberCode c = sample();
        c.issuer = other.issuer();
        const MemberCodeVerdict r = verifier()->verify(other.sign(c));
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"unknown_issuer");
        QCOMPARE(r.code.issuer, u"other-street");
        QVERIFY(r.reason.contains(u"other-street"));
        // An unknown issuer wins over a bad signature: there is no key to check against.
        const QList<QByteArray> p = parts(other.sign(c));
        QByteArray sig = QByteArray::fromBase64(p[2], url);
        sig[0] = char(sig[0] ^ 1);
        QCOMPARE(verifier()->verify(join(p[0], p[1], sig.toBase64(url))).verdict, Verdict::UnknownIssuer);
    }

    void wrongKey()
    {
        // Someone generates their own key and claims to be street-1.
        const IssuerKey forger = IssuerKey::generate(QStringLiteral("street-1"));
        const MemberCodeVerdict r = verifier()->verify(forger.sign(sample()));
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"bad_signature");
        QCOMPARE(r.reason, u"签名无效，此码可能被伪造");
        QCOMPARE(r.code.memberId, sample().memberId); // parsed, but not to be trusted
    }

    void flippedBitInSignature()
    {
        const QList<QByteArray> p = parts(sign(sample()));
        const QByteArray sig = QByteArray::fromBase64(p[2], url);
        const auto v = verifier();
        for (int bit = 0; bit < sig.size() * 8; ++bit) {
            QByteArray forged = sig;
            forged[bit / 8] = char(forged[bit / 8] ^ (1 << (bit % 8)));
            const Verdict r = v->verify(join(p[0], p[1], forged.toBase64(url))).verdict;
            if (r != Verdict::BadSignature)
                QFAIL(qPrintable(QStringLiteral("bit %1: %2").arg(bit).arg(MemberCodeVerifier::verdictName(r))));
        }
    }

    void flippedBitInPayload()
    {
        const QList<QByteArray> p = parts(sign(sample()));
        const QByteArray payload = QByteArray::fromBase64(p[1], url);
        // One bit in the member id: "310101-0001" becomes "310101-0000", still well-formed JSON.
        QByteArray changed = payload;
        const qsizetype at = changed.indexOf("0001\"") + 3;
        changed[at] = char(changed[at] ^ 1);
        QVERIFY(changed.contains("310101-0000"));
        const MemberCodeVerdict r = verifier()->verify(join(p[0], changed.toBase64(url), p[2]));
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"bad_signature");

        // Every other single-bit change is refused too: as malformed, as another issuer, or as forged.
        const auto v = verifier();
        for (int bit = 0; bit < payload.size() * 8; ++bit) {
            QByteArray forged = payload;
            forged[bit / 8] = char(forged[bit / 8] ^ (1 << (bit % 8)));
            const MemberCodeVerdict f = v->verify(join(p[0], forged.toBase64(url), p[2]));
            const bool refused = f.verdict == Verdict::BadSignature || f.verdict == Verdict::Malformed
                    || f.verdict == Verdict::UnknownIssuer;
            if (!refused)
                QFAIL(qPrintable(QStringLiteral("bit %1: %2").arg(bit).arg(MemberCodeVerifier::verdictName(f.verdict))));
        }
    }

    void swappedSignature()
    {
        MemberCode a = sample(), b = sample();
        b.memberId = QStringLiteral("310101-0002");
        const QList<QByteArray> pa = parts(sign(a)), pb = parts(sign(b));
        QCOMPARE(verifier()->verify(join(pa[0], pa[1], pb[2])).verdict, Verdict::BadSignature);
    }

    void randomMutationsNeverPass()
    {
        const QByteArray good = sign(sample()).toLatin1();
        const auto v = verifier();
        QRandomGenerator rng(20260701);
        for (int i = 0; i < 3000; ++i) {
            QByteArray t = good;
            switch (i % 4) {
            case 0: t[rng.bounded(int(t.size()))] = char(rng.bounded(256)); break;
            case 1: t.truncate(rng.bounded(int(t.size()))); break;
            case 2: t.insert(rng.bounded(int(t.size())), char(rng.bounded(256))); break;
            case 3: t.remove(rng.bounded(int(t.size())), 1); break;
            }
            if (t == good)
                continue;
            const MemberCodeVerdict r = v->verify(t);
            if (r.ok())
                QFAIL(qPrintable(QStringLiteral("mutation %1 verified: %2").arg(i).arg(QString::fromLatin1(t.toHex()))));
            if (r.verdict == Verdict::Malformed || r.verdict == Verdict::NotMemberCode)
                QVERIFY(r.code.isNull());
        }
    }

    void revoked()
    {
        const auto v = verifier();
        v->setRevoked({QStringLiteral("street-1:310101-0001"), QStringLiteral("other-street:310101-0002")});
        const MemberCodeVerdict r = v->verify(sign(sample()));
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"revoked");
        QCOMPARE(r.code.memberId, u"310101-0001");
        QVERIFY(!r.reason.isEmpty());
        // Revocation is per issuer: the same id under another issuer is a different member.
        MemberCode c = sample();
        c.memberId = QStringLiteral("310101-0002");
        QVERIFY(v->verify(sign(c)).ok());
        // A forged code for a revoked member is reported as forged: the signature is checked first.
        const IssuerKey forger = IssuerKey::generate(QStringLiteral("street-1"));
        QCOMPARE(v->verify(forger.sign(sample())).verdict, Verdict::BadSignature);
        v->setRevoked({});
        QVERIFY(v->verify(sign(sample())).ok());
    }

    void expired()
    {
        FixedClock clock(m_clock.now());
        MemberCodeVerifier v(clock);
        v.addTrustedIssuer(QStringLiteral("street-1"), m_key.publicKey());
        MemberCode c = sample();
        c.expiresAt = clock.now().addSecs(1);
        const QString text = sign(c);
        QVERIFY(v.verify(text).ok());
        clock.advance(1000); // exp is the first second no longer valid
        const MemberCodeVerdict r = v.verify(text);
        QCOMPARE(MemberCodeVerifier::verdictName(r.verdict), u"expired");
        QCOMPARE(r.code, c);
        QVERIFY(r.reason.contains(u"过期"));
        clock.advance(-2000); // the clock is the judge, in both directions
        QVERIFY(v.verify(text).ok());

        // Revoked and expired: revoked is the more useful message.
        clock.advance(1000 * 3600);
        v.setRevoked({QStringLiteral("street-1:310101-0001")});
        QCOMPARE(v.verify(text).verdict, Verdict::Revoked);
        // Forged and expired: forged.
        const IssuerKey forger = IssuerKey::generate(QStringLiteral("street-1"));
        QCOMPARE(v.verify(forger.sign(c)).verdict, Verdict::BadSignature);
    }

    void trustedIssuersFromFolder()
    {
        const QString dir = m_dir.filePath(QStringLiteral("issuers"));
        QVERIFY(QDir().mkpath(dir));
        const auto write = [&](const QString &name, const QByteArray &content) {
            QFile f(QDir(dir).filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(QStringLiteral("street-1.pub"), m_key.publicKeyBase64() + "\n");
        write(QStringLiteral("raw-1.pub"), "  \r\n" + m_rawPk.toBase64() + "\n\n ");
        write(QStringLiteral("short.pub"), QByteArray(16, 'k').toBase64());
        write(QStringLiteral("garbage.pub"), "not base64 at all!");
        write(QStringLiteral("huge.pub"), QByteArray(100000, 'A'));
        write(QStringLiteral("bad name!.pub"), m_rawPk.toBase64());
        write(QStringLiteral("notes.txt"), "ignored");

        MemberCodeVerifier v(m_clock);
        for (const char *bad : {"short.pub", "garbage.pub", "huge.pub", "bad name!.pub"})
            QTest::ignoreMessage(QtWarningMsg,
                                 QRegularExpression(QStringLiteral("skipping trusted issuer key .*")
                                                    + QRegularExpression::escape(QLatin1String(bad))));
        const QStringList problems = v.loadTrustedIssuers(dir);
        QCOMPARE(problems.size(), 4);
        QVERIFY(problems.filter(u"short.pub").size() == 1);
        QVERIFY(problems.filter(u"garbage.pub").size() == 1);
        QCOMPARE(v.trustedIssuers(), (QStringList{QStringLiteral("raw-1"), QStringLiteral("street-1")}));
        QVERIFY(v.verify(sign(sample())).ok());
        QVERIFY(v.verify(craft(rawJson(validInner()))).ok());

        MemberCodeVerifier missing(m_clock);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("does not exist")));
        QCOMPARE(missing.loadTrustedIssuers(m_dir.filePath(QStringLiteral("nowhere"))).size(), 1);
        QVERIFY(missing.trustedIssuers().isEmpty());
        QCOMPARE(missing.verify(sign(sample())).verdict, Verdict::UnknownIssuer);
    }

    void addTrustedIssuerChecksInput()
    {
        MemberCodeVerifier v(m_clock);
        QVERIFY(!v.addTrustedIssuer(QStringLiteral("x"), QByteArray(31, 'k')));
        QVERIFY(!v.addTrustedIssuer(QStringLiteral("../x"), m_rawPk));
        QVERIFY(!v.addTrustedIssuer(QString(), m_rawPk));
        QVERIFY(v.trustedIssuers().isEmpty());
        QVERIFY(v.addTrustedIssuer(QStringLiteral("x"), m_rawPk));
    }

    void issuerKeyFiles()
    {
        const QString dir = m_dir.filePath(QStringLiteral("keys"));
        QString error;
        QVERIFY2(m_key.save(dir, &error), qPrintable(error));
        const QString keyPath = QDir(dir).filePath(QStringLiteral("street-1.key"));
        const QString pubPath = QDir(dir).filePath(QStringLiteral("street-1.pub"));
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFile::permissions(keyPath) & others, QFileDevice::Permissions());
        QVERIFY(QFile::permissions(keyPath) & QFileDevice::ReadOwner);
        QFile pub(pubPath);
        QVERIFY(pub.open(QIODevice::ReadOnly));
        QCOMPARE(pub.readAll().trimmed(), m_key.publicKey().toBase64());

        // Never overwrite a key: every code issued with it would stop verifying.
        QFile keyFile(keyPath);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QByteArray before = keyFile.readAll();
        keyFile.close();
        QVERIFY(!IssuerKey::generate(QStringLiteral("street-1")).save(dir, &error));
        QVERIFY(error.contains(u"street-1.key"));
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        QCOMPARE(keyFile.readAll(), before);
        keyFile.close();

        const auto loaded = IssuerKey::load(keyPath, {}, &error);
        QVERIFY2(loaded.has_value(), qPrintable(error));
        QCOMPARE(loaded->issuer(), u"street-1");
        QCOMPARE(loaded->publicKey(), m_key.publicKey());
        QVERIFY(verifier()->verify(loaded->sign(sample())).ok());
        QCOMPARE(IssuerKey::load(keyPath, QStringLiteral("street-9"))->issuer(), u"street-9");

        // A key file whose halves disagree, or that is cut short, is refused.
        const QByteArray sk = QByteArray::fromBase64(before.trimmed());
        QCOMPARE(sk.size(), 64);
        const auto writeKey = [&](const QString &name, const QByteArray &content) {
            QFile f(QDir(dir).filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        QByteArray tampered = sk;
        tampered[40] = char(tampered[40] ^ 1);
        writeKey(QStringLiteral("tampered.key"), tampered.toBase64());
        writeKey(QStringLiteral("short.key"), sk.left(32).toBase64());
        writeKey(QStringLiteral("text.key"), "hello");
        for (const char *name : {"tampered.key", "short.key", "text.key", "missing.key"}) {
            error.clear();
            QVERIFY(!IssuerKey::load(QDir(dir).filePath(QLatin1String(name)), {}, &error));
            QVERIFY(!error.isEmpty());
        }
    }

    void signRefusesBadCodes()
    {
        QString error;
        MemberCode c = sample();
        c.issuer = QStringLiteral("street-2");
        QVERIFY(m_key.sign(c, &error).isEmpty());
        QVERIFY(error.contains(u"street-2"));
        c = sample();
        c.issuer.clear(); // takes the key's issuer
        QCOMPARE(verifier()->verify(m_key.sign(c)).code.issuer, u"street-1");
        c = sample();
        c.name.clear();
        QVERIFY(m_key.sign(c, &error).isEmpty());
        c = sample();
        c.expiresAt = c.issuedAt;
        QVERIFY(m_key.sign(c, &error).isEmpty());
        QVERIFY(IssuerKey().sign(sample(), &error).isEmpty());
        QVERIFY(IssuerKey::generate(QStringLiteral("bad/id")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestMemberCode)
#include "tst_membercode.moc"
