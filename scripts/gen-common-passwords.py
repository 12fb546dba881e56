#!/usr/bin/env python3
"""Write data/common-passwords.txt: passwords people choose most, from
public knowledge of leaked-password top lists (English and Dutch), with the
endings people add to them.  Generated, not downloaded; lower case, one per
line, sorted, no duplicates.  Doorloop refuses a password that is on the
list, also after digits and signs at its ends are removed
(src/auth/policy.c).  Usage: scripts/gen-common-passwords.py > data/common-passwords.txt
"""

BASES = """
123456 123456789 12345678 12345 1234567 1234567890 111111 000000 123123 654321
666666 121212 112233 987654321 159753 147258369 123321 696969 555555 7777777
password passw0rd p@ssword p@ssw0rd pass password1 wachtwoord wachtw00rd geheim
qwerty qwertyuiop qwertz azerty asdfgh asdfghjkl zxcvbnm 1qaz2wsx zaq12wsx
1q2w3e4r 1q2w3e4r5t 1q2w3e q1w2e3r4 qazwsx qweasd qweasdzxc asdf1234 abcd1234
abc123 abcdef abcdefg a1b2c3 letmein welcome welkom hello hallo hoi doei
iloveyou ikhouvanjou loveyou lovely love liefde schatje schat lieverd
admin administrator root toor user guest test test123 testing demo master
monkey dragon shadow sunshine princess prinses football voetbal soccer baseball
basketball hockey tennis golf superman batman spiderman starwars pokemon
michael jennifer jordan michelle daniel thomas robert jessica ashley charlie
andrew joshua matthew hunter george harley ranger buster tigger jordan23
freedom whatever trustno1 secret access login changeme default nothing
computer internet samsung apple iphone google windows linux hotmail gmail
flower flowers summer winter spring autumn zomer lente herfst zonnetje
cookie chocolate banana orange oranje cheese pepper ginger coffee
killer hunter2 mustang ferrari porsche bmw mercedes ford
purple yellow silver golden black white blue green red
ajax feyenoord psv utrecht twente arsenal chelsea liverpool barcelona
amsterdam rotterdam denhaag eindhoven groningen nederland holland
konijn poesje hondje kitten puppy tiger lion eagle dolphin
jezus jesus god christ angel angels heaven
friends family familie vrienden mama papa mommy daddy
baby babygirl sweety honey sugar cutie
qwerty123 password123 welkom123 welcome1 admin123 root123 letmein1
iloveu ilovemyself myspace facebook instagram tiktok youtube twitter
starwars1 matrix hello123 monkey123 dragon123 football1
jordan michael1 naruto onepiece minecraft fortnite roblox
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!",
            "01", "007", "69", "99", "00", "11", "22", "2000", "2010", "2015",
            "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026",
            "@123", "#1", "!!", "?"]

EXTRA = """
123456789012 1234567890123 12345678901234 098765432109 111111111111
000000000000 123123123123 121212121212 112233445566 123456123456
qwertyuiopas qwertyuiop12 qwertyuiop123 qwerty123456 asdfghjkl123
1q2w3e4r5t6y 1qaz2wsx3edc zaq12wsxcde3 abcdefghijkl abcdef123456
passwordpassword password1234 password12345 password123456 wachtwoord123
wachtwoord1234 wachtwoord12345 welkomwelkom welkom123456 iloveyou1234
letmeinletmein adminadmin12 administrator1 administrator123 changeme1234
trustno1trustno1 superman1234 batman123456 football1234 voetbal12345
correcthorsebatterystaple iloveyouforever ikhouvanjouschat
""".split()


def main():
    out = set()
    for b in BASES:
        for s in SUFFIXES:
            out.add(b + s)
        out.add(b + b)
        out.add(b.capitalize().lower())
    out.update(EXTRA)
    for w in sorted(out):
        print(w.lower())


if __name__ == "__main__":
    main()
