#include "videomanifest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace {

constexpr qint64 maxManifestBytes = 4 * 1024 * 1024;

// A relative path that stays inside the media folder; absolute paths and ".." are refused, so
// a distributed manifest cannot point the kiosk at arbitrary files.
QString resolve(const QString &mediaDir, const QString &relative, QString *problem)
{
    const QString clean = QDir::cleanPath(relative);
    if (relative.isEmpty() || QDir::isAbsolutePath(relative) || clean == QStringLiteral("..")
        || clean.startsWith(QStringLiteral("../"))) {
        *problem = QStringLiteral("路径“%1”无效（应为媒体文件夹内的相对路径）").arg(relative);
        return {};
    }
    const QString path = QDir(mediaDir).absoluteFilePath(clean);
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        *problem = QStringLiteral("文件“%1”不存在或无法读取").arg(relative);
        return {};
    }
    return path;
}

} // namespace

QStringList VideoManifest::categories()
{
    return {QStringLiteral("廉政教育"), QStringLiteral("警示教育"), QStringLiteral("党史"), QStringLiteral("党章党规")};
}

QStringList VideoManifest::knownKeys()
{
    return {QStringLiteral("id"),       QStringLiteral("title"),    QStringLiteral("category"),
            QStringLiteral("description"), QStringLiteral("file"),  QStringLiteral("duration"),
            QStringLiteral("credit"),   QStringLiteral("subtitle"), QStringLiteral("poster")};
}

VideoManifestResult VideoManifest::load(const QString &mediaDir)
{
    const QString path = QDir(mediaDir).filePath(QStringLiteral("videos.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {{}, {QStringLiteral("无法读取视频清单 %1：%2").arg(path, f.errorString())}};
    if (f.size() > maxManifestBytes)
        return {{}, {QStringLiteral("视频清单 %1 过大（超过 4 MB）").arg(path)}};
    return parse(f.readAll(), mediaDir);
}

VideoManifestResult VideoManifest::parse(const QByteArray &json, const QString &mediaDir)
{
    VideoManifestResult out;
    QJsonParseError parseError;
    QByteArray bytes = json;
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3); // a BOM from a Windows editor
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull()) {
        out.problems << QStringLiteral("视频清单不是有效的 JSON（第 %1 个字符处：%2）")
                            .arg(parseError.offset)
                            .arg(parseError.errorString());
        return out;
    }
    QJsonArray items;
    if (doc.isArray()) {
        items = doc.array();
    } else {
        const QJsonObject root = doc.object();
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (it.key() != u"videos" && it.key() != u"format")
                out.problems << QStringLiteral("视频清单：未知的键“%1”").arg(it.key());
        }
        if (root.contains(QStringLiteral("format")) && root.value(QStringLiteral("format")).toInt() != 1)
            out.problems << QStringLiteral("视频清单：不支持的格式版本 %1")
                                .arg(root.value(QStringLiteral("format")).toVariant().toString());
        if (!root.value(QStringLiteral("videos")).isArray()) {
            out.problems << QStringLiteral("视频清单缺少 videos 列表");
            return out;
        }
        items = root.value(QStringLiteral("videos")).toArray();
    }

    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
    const QStringList known = knownKeys();
    QSet<QString> seen;
    for (qsizetype n = 0; n < items.size(); ++n) {
        const QString where = QStringLiteral("视频清单第 %1 项").arg(n + 1);
        if (!items.at(n).isObject()) {
            out.problems << where + QStringLiteral("不是对象，已跳过");
            continue;
        }
        const QJsonObject o = items.at(n).toObject();
        VideoEntry v;
        v.id = o.value(QStringLiteral("id")).toString().trimmed();
        const QString label = v.id.isEmpty() ? where : QStringLiteral("%1（%2）").arg(where, v.id);
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                out.problems << label + QStringLiteral("：未知的键“%1”（已忽略）").arg(it.key());
        }
        QStringList fatal;
        if (!idPattern.match(v.id).hasMatch())
            fatal << QStringLiteral("id 缺失或无效（字母、数字、_ . -，最长 64）");
        else if (seen.contains(v.id))
            fatal << QStringLiteral("id 与前面的视频重复");
        v.title = o.value(QStringLiteral("title")).toString().trimmed();
        if (v.title.isEmpty())
            fatal << QStringLiteral("缺少标题 title");
        v.category = o.value(QStringLiteral("category")).toString().trimmed();
        if (!categories().contains(v.category))
            fatal << QStringLiteral("分类“%1”无效（应为 %2）").arg(v.category, categories().join(QStringLiteral("、")));
        v.description = o.value(QStringLiteral("description")).toString().trimmed();
        const QJsonValue duration = o.value(QStringLiteral("duration"));
        const double seconds = duration.toDouble(-1);
        if (!duration.isDouble() || seconds < 1 || seconds > maxDurationSeconds)
            fatal << QStringLiteral("时长 duration 无效（应为 1 到 %1 之间的秒数）").arg(maxDurationSeconds);
        else
            v.durationSeconds = int(seconds + 0.5);
        const QJsonValue credit = o.value(QStringLiteral("credit"));
        v.credit = credit.toDouble(-1);
        if (!credit.isDouble() || v.credit < 0 || v.credit > maxCredit)
            fatal << QStringLiteral("学时 credit 无效（应为 0 到 %1 之间的数）").arg(maxCredit);
        QString problem;
        v.file = resolve(mediaDir, o.value(QStringLiteral("file")).toString(), &problem);
        if (v.file.isEmpty())
            fatal << QStringLiteral("视频") + problem;
        if (!fatal.isEmpty()) {
            out.problems << label + QStringLiteral("：") + fatal.join(QStringLiteral("；")) + QStringLiteral("，已跳过");
            continue;
        }
        // Subtitles and posters are extras: the video still plays without them.
        for (const auto &[key, target, what] :
             {std::tuple{QStringLiteral("subtitle"), &v.subtitleFile, QStringLiteral("字幕")},
              std::tuple{QStringLiteral("poster"), &v.posterFile, QStringLiteral("封面")}}) {
            if (!o.contains(key))
                continue;
            *target = resolve(mediaDir, o.value(key).toString(), &problem);
            if (target->isEmpty())
                out.problems << label + QStringLiteral("：") + what + problem;
        }
        seen.insert(v.id);
        out.videos.append(v);
    }
    return out;
}
