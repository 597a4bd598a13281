// play_prompt FILE.wav: plays one voice prompt the way the kiosk's scan page does (Qt's
// QSoundEffect, on Qt Multimedia's PulseAudio backend) and exits 0 once it has played, 1 when Qt
// could not load or play it. tests/install runs it inside the clean Debian 12 root against a
// PulseAudio null sink, with the prompt the package installed.
#include <QCoreApplication>
#include <QSoundEffect>
#include <QTimer>
#include <QUrl>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: play_prompt FILE.wav\n");
        return 2;
    }
    QSoundEffect effect;
    bool started = false;
    QObject::connect(&effect, &QSoundEffect::statusChanged, &app, [&] {
        if (effect.status() == QSoundEffect::Ready && !started) {
            started = true;
            effect.play();
        } else if (effect.status() == QSoundEffect::Error) {
            std::fprintf(stderr, "play_prompt: Qt could not load %s\n", argv[1]);
            QCoreApplication::exit(1);
        }
    });
    QObject::connect(&effect, &QSoundEffect::playingChanged, &app, [&] {
        if (started && !effect.isPlaying()) {
            std::printf("played %s\n", argv[1]);
            QCoreApplication::exit(0);
        }
    });
    // Never hang a test: a prompt is a few seconds long at most.
    QTimer::singleShot(60'000, &app, [] {
        std::fprintf(stderr, "play_prompt: not played within 60 s\n");
        QCoreApplication::exit(1);
    });
    effect.setSource(QUrl::fromLocalFile(QString::fromLocal8Bit(argv[1])));
    return app.exec();
}
