"""Regenerate the shipped name lists: ``given_names.csv`` and ``surnames.csv``.

Owns the curated tables the lists are built from and the rules that compose them (compound given
names with and without ZWNJ or space; surnames from roots plus the usual Persian suffixes and
prefixes, with consistent Latin spellings and Zipf-like weights). Built from general knowledge of
Iranian naming only; it must never read or encode any list of victims or real persons. The gazetteer
(``provinces.csv``, ``cities.csv``) is curated by hand and not touched here.

Run ``python scripts/build_vocab.py`` to rewrite the CSVs, ``--check`` to fail if they are stale.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["build_given_names", "build_surnames", "main"]

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "gavah" / "vocab" / "data"
ZWNJ = "\u200c"
# Letters that never join the letter after them: a ZWNJ after them changes nothing visible, so
# compounds are written solid; after any other letter Persian orthography wants a ZWNJ.
NON_JOINING = frozenset("اآأإدذرزژوؤ")
MAX_LATIN = 5
TRIPLED = re.compile(r"(.)\1\1")  # "Haj" + "jafari" is fine, "Hajj" + "jafari" is not
MAX_SURNAME_LATIN = 4
# Distinctive surnames of public officials: synthetic persons must not be mistaken for them.
EXCLUDED_SURNAMES = frozenset(
    {
        "khamenei",
        "khomeini",
        "rafsanjani",
        "ahmadinejad",
        "rouhani",
        "raisi",
        "pezeshkian",
        "larijani",
        "ghalibaf",
        "jannati",
        "ejei",
    }
)

# ---------------------------------------------------------------------------------------------
# Given names: "sex persian latin1|latin2 [; persian_variant|...]", most frequent first per sex.
# In the Persian field "+" joins a compound by the ZWNJ rule and "&" forces the solid spelling.
# ---------------------------------------------------------------------------------------------
GIVEN_NAMES = """
m محمد Mohammad|Mohammed|Mohamad|Muhammad|Mohamed
m علی Ali
m حسین Hossein|Hosein|Hussein|Husain
m رضا Reza|Rida
m مهدی Mehdi|Mahdi|Mehdy
m امیر Amir
m محمد+رضا Mohammadreza|Mohammad Reza|Mohammad-Reza|Mohamadreza
m حسن Hassan|Hasan
m ابو+الفضل Abolfazl|Abolfazel|Abulfazl
m امیر+حسین Amirhossein|Amir Hossein|Amir-Hossein|Amirhosein
m احمد Ahmad|Ahmed
m محسن Mohsen|Mohsin
m مصطفی Mostafa|Mustafa|Moustafa
m مجید Majid|Madjid
m سعید Saeed|Saeid|Said|Saied
m حمید Hamid
m جواد Javad|Jawad
m علی&رضا Alireza|Ali Reza|Ali-Reza
m ابراهیم Ebrahim|Ibrahim|Ebraheem
m هادی Hadi|Hady
m محمد+علی Mohammadali|Mohammad Ali|Mohammad-Ali
m مرتضی Morteza|Murtaza|Mortaza
m عباس Abbas
m مسعود Masoud|Masood|Massoud|Masud
m وحید Vahid|Wahid
m حمید+رضا Hamidreza|Hamid Reza|Hamid-Reza
m محمد+حسین Mohammadhossein|Mohammad Hossein|Mohammad-Hossein
m امیر+علی Amirali|Amir Ali|Amir-Ali
m علی+اکبر Aliakbar|Ali Akbar|Ali-Akbar
m احسان Ehsan|Ehssan
m جعفر Jafar|Jaafar|Ja'far
m یوسف Yousef|Yusef|Yousof|Youssef
m مجتبی Mojtaba|Mujtaba
m اکبر Akbar
m محمود Mahmoud|Mahmood|Mahmud
m کاظم Kazem|Kazim
m صادق Sadegh|Sadeq|Sadiq
m یاسین Yasin|Yaseen
m سجاد Sajjad|Sajad
m میلاد Milad
m محمد+مهدی Mohammadmehdi|Mohammad Mehdi|Mohammad Mahdi|Mohammadmahdi
m محمد+جواد Mohammadjavad|Mohammad Javad|Mohammad-Javad
m امید Omid
m نیما Nima
m پویا Pouya|Puya|Pooya
m بهروز Behrouz|Behrooz|Behruz
m داوود Davoud|Davood|Dawood|Davud ; داود
m اسماعیل Esmaeil|Ismail|Esmail|Esmaeel
m یعقوب Yaghoub|Yaqub|Yaghoob|Yaqoub
m عرفان Erfan
m آرش Arash
m کاوه Kaveh|Kave
m بهزاد Behzad
m فرهاد Farhad
m بهنام Behnam
m حامد Hamed
m امین Amin
m رسول Rasoul|Rasool|Rasul
m قاسم Ghasem|Qasem|Ghassem|Qassem
m نادر Nader
m منصور Mansour|Mansoor|Mansur
m سیاوش Siavash|Siyavash|Siavosh
m پژمان Pejman|Pezhman
m کیان Kian|Kiyan
m آرمین Armin
m آریا Arya|Aria
m شهرام Shahram
m بابک Babak
m کامران Kamran
m فرشید Farshid
m رامین Ramin
m سینا Sina
m دانیال Danial|Daniyal|Daniel
m محمد+امین Mohammadamin|Mohammad Amin|Mohammad-Amin
m علی+اصغر Aliasghar|Ali Asghar|Ali-Asghar
m اصغر Asghar
m غلام&رضا Gholamreza|Gholam Reza|Gholam-Reza|Qolamreza
m غلام&حسین Gholamhossein|Gholam Hossein|Gholam-Hossein|Qolamhossein
m غلام&علی Gholamali|Gholam Ali|Gholam-Ali
m نصر+الله Nasrollah|Nasrolah|Nasrullah
m عبد+الله Abdollah|Abdullah|Abdolah
m عبد+الرضا Abdolreza|Abdoreza|Abdulreza
m عبد+الحسین Abdolhossein|Abdulhossein|Abdolhosein
m روح+الله Rouhollah|Ruhollah|Rohollah
m حبیب+الله Habibollah|Habibolah|Habibullah
m فتح+الله Fathollah|Fatollah|Fatholah
m ولی+الله Valiollah|Valiolah|Waliullah
m سیف+الله Seifollah|Sayfollah|Seyfollah
m خلیل Khalil
m جلیل Jalil
m اسد+الله Asadollah|Asadolah|Asadullah
m کریم Karim
m رحیم Rahim
m جمال Jamal
m کمال Kamal
m ناصر Naser|Nasser
m حیدر Heydar|Heidar|Haidar
m صمد Samad
m بهمن Bahman
m بیژن Bijan|Bizhan
m هوشنگ Houshang|Hooshang|Hushang
m فریدون Fereydoun|Fereidoun|Fereydoon|Freydoun
m کوروش Kourosh|Kurosh|Koorosh|Cyrus ; کورش
m داریوش Dariush|Daryoush|Darius
m سهراب Sohrab
m رستم Rostam|Rustam
m اردشیر Ardeshir|Ardashir
m شاهین Shahin|Shaheen
m شهاب Shahab
m مهران Mehran
m مازیار Maziar|Mazyar
m مانی Mani
m آرین Arian|Aryan
m آیدین Aydin|Aidin
m ایلیا Ilia|Ilya|Iliya
m متین Matin
m طاها Taha ; طه
m محمد+طاها Mohammadtaha|Mohammad Taha
m امیر+محمد Amirmohammad|Amir Mohammad|Amir-Mohammad
m امیر+رضا Amirreza|Amir Reza|Amir-Reza
m امیر+مهدی Amirmehdi|Amir Mehdi|Amirmahdi|Amir Mahdi
m امیر+عباس Amirabbas|Amir Abbas
m محمد+صادق Mohammadsadegh|Mohammad Sadegh|Mohammad Sadeq
m محمد+باقر Mohammadbagher|Mohammad Bagher|Mohammad Baqer
m محمد+کاظم Mohammadkazem|Mohammad Kazem
m محمد+هادی Mohammadhadi|Mohammad Hadi
m علی+محمد Alimohammad|Ali Mohammad|Ali-Mohammad
m حسین&علی Hosseinali|Hossein Ali|Hossein-Ali
m محمد+حسن Mohammadhassan|Mohammad Hassan|Mohammad Hasan
m محمد+ابراهیم Mohammadebrahim|Mohammad Ebrahim
m محمد+یاسین Mohammadyasin|Mohammad Yasin
m حسام Hesam|Hessam
m باقر Bagher|Baqer|Baqir
m نوید Navid
m مهرداد Mehrdad
m فرزاد Farzad
m فرامرز Faramarz
m کیوان Keyvan|Kayvan|Keivan
m پیمان Peyman|Payman|Peiman
m پرویز Parviz
m ایرج Iraj
m جمشید Jamshid
m منوچهر Manouchehr|Manuchehr|Manoochehr
m تیمور Teymour|Timur|Teimour
m اسکندر Eskandar|Iskandar|Eskander
m سلمان Salman
m سلیمان Soleiman|Soleyman|Suleiman|Solaiman
m موسی Mousa|Musa|Moosa
m عیسی Eisa|Isa|Issa
m یونس Younes|Yunes|Younis
m ادریس Edris|Idris
m هیوا Hiva|Hiwa
m آکو Ako
m هیمن Hemin|Himan|Heman
m ریبوار Rebwar|Ribvar|Rebvar
m شاهو Shaho
m سیروان Sirvan|Sirwan
m زانیار Zanyar|Zaniar
m کارو Karo|Karu
m آرام Aram
m سوران Soran
m دیاکو Diako|Diyako
m آراز Araz|Aras
m بهرام Bahram
m جلال Jalal
m رحمان Rahman
m صلاح+الدین Salahaddin|Salaheddin|Salahuddin
m عبد+الرحمن Abdolrahman|Abdulrahman|Abdorrahman
m عبد+الکریم Abdolkarim|Abdulkarim
m عبد+المجید Abdolmajid|Abdulmajid
m عبد+الحمید Abdolhamid|Abdulhamid
m عبد+الغفور Abdolghafour|Abdulghafoor|Abdolghafur
m عبد+الباسط Abdolbaset|Abdulbasit
m عبد+الواحد Abdolvahed|Abdulwahed|Abdulvahed
m نور+محمد Nourmohammad|Noor Mohammad|Nur Mohammad
m دادشاه Dadshah
m شیر+محمد Shirmohammad|Shir Mohammad
m گل+محمد Golmohammad|Gol Mohammad|Gul Mohammad
m جان+محمد Janmohammad|Jan Mohammad
m خدابخش Khodabakhsh|Khudabakhsh
m عادل Adel|Adil
m عامر Amer|Aamer
m ماجد Majed
m فیصل Feisal|Faisal|Faysal
m جاسم Jasem|Jassim|Jasim
m حمزه Hamzeh|Hamza|Hamze
m عقیل Aghil|Aqil|Aqeel
m ولید Valid|Walid
m خالد Khaled|Khalid
m سامان Saman
m آرمان Arman
m فرزین Farzin
m بردیا Bardia|Bardiya
m رادین Radin
m سپهر Sepehr
m سامیار Samyar|Samiar
m ماهان Mahan
m یاشار Yashar|Yasar
m الدار Eldar
m تورج Touraj|Turaj|Tooraj
m کامیار Kamyar|Kamiar
m کسری Kasra
m شایان Shayan
m پارسا Parsa
m مهیار Mahyar|Mahiar
m ابوذر Abouzar|Abuzar|Abozar
m حجت Hojjat|Hojat
m نعمت Nemat|Ne'mat
m عزت Ezzat|Ezat
m شکر+الله Shokrollah|Shokrolah
m ید+الله Yadollah|Yadolah
m عزیز Aziz
m لطف+الله Lotfollah|Lotfolah
m نجف Najaf
m رجب Rajab
m رمضان Ramezan|Ramazan|Ramadan
m قربان Ghorban|Qorban|Ghurban
m مراد Morad|Murad
m شهریار Shahriar|Shahryar
m افشین Afshin
m اشکان Ashkan
m آرسام Arsam
m فرید Farid
m مسیح Masih
m بهراد Behrad
m هومن Houman|Hooman|Human
m رامتین Ramtin
m نریمان Nariman
m سروش Soroush|Sorush|Soroosh
m سیامک Siamak|Siyamak
m فرخ Farrokh|Farokh
m صالح Saleh
m یحیی Yahya
m زکریا Zakaria|Zakariya
m اسحاق Eshagh|Ishaq|Eshaq
m ایوب Ayoub|Ayyub|Ayoob
m فرشاد Farshad
m آزاد Azad
m سردار Sardar
m کیومرث Kiumars|Kioumars|Kiumarth
f فاطمه Fatemeh|Fatima|Fateme|Fatemah
f زهرا Zahra|Zahraa
f مریم Maryam|Mariam|Maryem
f زینب Zeynab|Zeinab|Zainab
f معصومه Masoumeh|Masoomeh|Ma'soumeh|Masumeh
f سمیه Somayeh|Somaye|Sumayya
f نرگس Narges|Nargess
f مهسا Mahsa
f سارا Sara|Sarah
f لیلا Leila|Leyla|Layla
f الهام Elham
f فرزانه Farzaneh|Farzane
f اعظم Azam|A'zam
f طاهره Tahereh|Tahere
f زهره Zohreh|Zohre
f نسرین Nasrin|Nasreen
f مینا Mina
f شیرین Shirin|Shireen
f سکینه Sakineh|Sakine
f راضیه Raziyeh|Razieh|Raziye
f محدثه Mohadeseh|Mohaddeseh|Mohadese
f فاطمه+زهرا Fatemeh Zahra|Fatemezahra|Fatemeh-Zahra
f نازنین Nazanin
f نازنین+زهرا Nazaninzahra|Nazanin Zahra|Nazanin-Zahra
f هانیه Haniyeh|Hanieh|Haniye
f ریحانه Reyhaneh|Reihaneh|Rayhaneh
f کوثر Kowsar|Kosar|Kausar|Kowthar
f حدیث Hadis|Hadith|Hadees
f یاسمن Yasaman|Yasamin|Yasmin
f نگار Negar
f نیلوفر Niloufar|Niloofar|Nilufar
f پریسا Parisa
f صدیقه Sedigheh|Sediqeh|Siddiqa
f رقیه Roghayeh|Roqayeh|Roghaye|Ruqayya
f خدیجه Khadijeh|Khadija|Khadije
f منیره Monireh|Monire
f اشرف Ashraf
f پروین Parvin|Parveen
f مهین Mahin
f شهناز Shahnaz
f فریبا Fariba
f آزاده Azadeh|Azade
f ژینا Zhina|Jina|Gina
f مهتاب Mahtab
f مائده Maedeh|Maede|Maideh ; مایده
f سپیده Sepideh|Sepide
f سحر Sahar
f ساره Sareh|Sare
f شیما Shima
f بهاره Bahareh|Bahare
f هستی Hasti
f آیدا Aida|Ayda
f نیکا Nika
f آتنا Atena|Athena
f ستاره Setareh|Setare
f مرضیه Marziyeh|Marzieh|Marziye
f مژگان Mojgan|Mozhgan
f منیژه Manijeh|Manizheh
f گلناز Golnaz
f فرشته Fereshteh|Fereshte
f عاطفه Atefeh|Atefe
f الناز Elnaz
f آرزو Arezoo|Arezou|Arezu
f فرناز Farnaz
f مهناز Mahnaz
f ناهید Nahid
f سیمین Simin
f ملیحه Maliheh|Malihe
f نفیسه Nafiseh|Nafise
f حمیده Hamideh|Hamide
f سعیده Saeedeh|Saideh|Saeideh
f وحیده Vahideh|Vahide
f صغری Soghra|Soqra|Sughra
f کبری Kobra|Kubra
f بتول Batoul|Batool|Batul
f عفت Effat|Efat
f عشرت Eshrat
f طیبه Tayebeh|Tayyebeh|Taybeh
f آمنه Ameneh|Amene|Amina
f حلیمه Halimeh|Halima
f جمیله Jamileh|Jamila
f شهلا Shahla
f ژیلا Zhila|Jila
f هلیا Helia|Heliya
f ترانه Taraneh|Tarane
f غزل Ghazal|Qazal
f نگین Negin
f ثمین Samin
f یگانه Yeganeh|Yegane
f ملیکا Melika|Malika
f رها Raha
f آوا Ava
f باران Baran
f نیوشا Niusha|Niousha|Newsha
f دلارام Delaram
f پرستو Parastoo|Parastou|Parastu
f شقایق Shaghayegh|Shaqayeq
f ویدا Vida
f سیما Sima
f مهری Mehri
f پروانه Parvaneh|Parvane
f افسانه Afsaneh|Afsane
f گلاره Gelareh|Gelare
f رویا Roya|Rouya
f فرحناز Farahnaz
f ژاله Zhaleh|Jaleh|Zhale
f مهرناز Mehrnaz
f شبنم Shabnam
f تینا Tina
f نسیم Nasim|Naseem
f سوگند Sogand|Sougand
f بهناز Behnaz
f کیمیا Kimia|Kimiya
f آناهیتا Anahita
f ماهرخ Mahrokh
f گلی Goli
f مرجان Marjan
f سوسن Susan|Sousan|Soosan
f هما Homa
f لاله Laleh|Lale
f نازیلا Nazila
f رعنا Rana|Ra'na
f فهیمه Fahimeh|Fahime
f زری Zari
f خاتون Khatoun|Khatoon
f بی+بی Bibi
f ماه+گل Mahgol|Mah Gol
f هانا Hana|Hanna
f شیلان Shilan
f نسترن Nastaran
f روژین Rozhin|Rojin
f ژیان Zhiyan|Zhian|Jiyan
f روناک Ronak|Runak
f شیدا Sheyda|Shayda|Sheida
f کژال Kazhal|Kajal
f آوین Avin
f دنیا Donya|Dunya
f سمانه Samaneh|Samane
f مونا Mona
f مهدیه Mahdieh|Mahdiyeh|Mahdiye
f فائزه Faezeh|Faeze ; فایزه
f نجمه Najmeh|Najme
f زینت Zinat
f فروغ Forough|Forugh|Foroogh
f توران Touran|Turan
f ایران Iran
f مهرانگیز Mehrangiz
f شکوه Shokouh|Shokooh
f پوران Pouran|Pooran
f فرخنده Farkhondeh|Farkhonde
f ماهرو Mahrou|Mahroo
f نرجس Narjes
f سمیرا Samira
f ساناز Sanaz
f کتایون Katayoun|Katayoon
f شهرزاد Shahrzad|Shahrazad
f آیلار Aylar|Ailar
f آیسان Aysan|Aisan
f آیناز Aynaz|Ainaz
f یلدا Yalda
f تارا Tara
f نیلا Nila
f آیلین Aylin|Ailin
f رومینا Romina
f پانته+آ Pantea|Panthea|Panteha
f مهشید Mahshid
f فرانک Faranak
f ماندانا Mandana
f شادی Shadi
f محبوبه Mahboubeh|Mahboobeh|Mahbubeh
f هدی Hoda|Huda
f هدیه Hedieh|Hediyeh
f مبینا Mobina
f اسرا Asra|Esra
f ثنا Sana
f یسنا Yasna
f فاطیما Fatima|Fateema
f کیانا Kiana|Kiyana
f ارغوان Arghavan
f سولماز Solmaz
f گلاویژ Gelavizh|Gelavij
f سیده Seyedeh|Sayyedeh|Seyyedeh
f زلیخا Zoleykha|Zuleikha|Zolaykha
f گوهر Gohar|Gowhar
f ملک Malek
f خورشید Khorshid|Khurshid
f مهرو Mehroo|Mehrou
f شیوا Shiva
f لیلی Leili|Leyli
f پرنیان Parnian|Parniyan
f آسیه Asiyeh|Asieh|Asiye
f مهرانه Mehraneh
f ستایش Setayesh
f نازگل Nazgol
f حوا Hava|Hawa
f عسل Asal
f بنفشه Banafsheh|Banafshe
f صبا Saba
f ریما Rima
f آوینا Avina
"""

# ---------------------------------------------------------------------------------------------
# Surnames. CURATED: the most frequent family names, most frequent first, then a tail in no order.
# ---------------------------------------------------------------------------------------------
CURATED_SURNAMES = """
محمدی Mohammadi|Mohamadi|Muhammadi
حسینی Hosseini|Hoseini|Husseini|Hosseiny
احمدی Ahmadi
رضایی Rezaei|Rezaee|Rezaie|Rezayi ; رضائی
موسوی Mousavi|Musavi|Moosavi|Mousawi
مرادی Moradi|Muradi
کریمی Karimi
جعفری Jafari|Jaafari|Ja'fari
رحیمی Rahimi
هاشمی Hashemi
قاسمی Ghasemi|Qasemi|Ghassemi
صادقی Sadeghi|Sadeqi
حیدری Heydari|Heidari|Haidari
عباسی Abbasi
رستمی Rostami
کاظمی Kazemi
اکبری Akbari
ابراهیمی Ebrahimi|Ibrahimi
صالحی Salehi
امینی Amini
حسنی Hassani|Hasani
نجفی Najafi
نوری Nouri|Noori|Nuri
قربانی Ghorbani|Qorbani
اسدی Asadi
شریفی Sharifi
علی&زاده Alizadeh|Alizade
عزیزی Azizi
زارع Zare|Zareh
رحمانی Rahmani
محمودی Mahmoudi|Mahmoodi|Mahmudi
باقری Bagheri|Baqeri
حسین+زاده Hosseinzadeh|Hoseinzadeh|Hosseinzade
خسروی Khosravi
طاهری Taheri
رشیدی Rashidi
سلطانی Soltani|Sultani
بهرامی Bahrami
فلاح Fallah|Falah
نظری Nazari
میرزایی Mirzaei|Mirzaee|Mirzayi ; میرزائی
کرمی Karami
یوسفی Yousefi|Yusefi|Yousofi
حمیدی Hamidi
کمالی Kamali
جلیلی Jalili
رنجبر Ranjbar
غلامی Gholami|Qolami
اسماعیلی Esmaeili|Esmaili|Ismaili
زمانی Zamani
داوودی Davoudi|Davoodi|Davudi ; داودی
صفری Safari
منصوری Mansouri|Mansoori|Mansuri
شهبازی Shahbazi
علی+پور Alipour|Alipoor|Alipur
حسین+پور Hosseinpour|Hosseinpoor|Hoseinpour
نصیری Nasiri
یزدانی Yazdani
عسگری Asgari|Askari ; عسکری
ملکی Maleki
سلیمانی Soleimani|Soleymani|Suleimani
فرهادی Farhadi
بابایی Babaei|Babaee|Babayi ; بابائی
آقایی Aghaei|Aghaee|Aqaei ; آقائی
شفیعی Shafiei|Shafiee|Shafii
خانی Khani
اصغری Asghari
بیگی Beigi|Beygi|Baigi
تقوی Taghavi|Taqavi
نقوی Naghavi|Naqavi
طالبی Talebi
عطایی Ataei|Atayi|Ataee ; عطائی
دهقان Dehghan|Dehqan
کیانی Kiani|Kiyani
نادری Naderi
فتحی Fathi
سعیدی Saeedi|Saeidi|Saidi
قادری Ghaderi|Qaderi
خضری Khezri|Khedri
پناهی Panahi
جمالی Jamali
عابدی Abedi
مختاری Mokhtari
توکلی Tavakoli|Tavakkoli
حسن+زاده Hassanzadeh|Hasanzadeh|Hassanzade
اکبر+زاده Akbarzadeh|Akbarzade
مرتضوی Mortazavi
امیری Amiri
فرجی Faraji
صفایی Safaei|Safaee ; صفائی
میری Miri
زندی Zandi
یعقوبی Yaghoubi|Yaqubi|Yaghoobi
انصاری Ansari
سبحانی Sobhani
شاکری Shakeri
افشار Afshar
افشاری Afshari
بختیاری Bakhtiari|Bakhtiyari
قنبری Ghanbari|Qanbari
وکیلی Vakili
علوی Alavi
رضوی Razavi
طباطبایی Tabatabaei|Tabatabaee ; طباطبائی
مهدوی Mahdavi
جوادی Javadi
مجیدی Majidi
سعادتی Saadati
عبدی Abdi
خلیلی Khalili
رسولی Rasouli|Rasuli|Rasooli
مظاهری Mazaheri
پاکزاد Pakzad
شیرازی Shirazi
تهرانی Tehrani
اصفهانی Esfahani|Isfahani
تبریزی Tabrizi
کرمانی Kermani
یزدی Yazdi
قزوینی Ghazvini|Qazvini
گیلانی Gilani
خراسانی Khorasani
کردی Kordi|Kurdi
بلوچ Baluch|Balouch|Baloch
ریگی Rigi
شه+بخش Shahbakhsh|Shahbaksh
نارویی Naroui|Narouei|Narui ; ناروئی
براهویی Brahui|Barahouei|Brahoui ; براهوئی
سارانی Sarani
دهمرده Dahmardeh|Dahmarde
سربازی Sarbazi
بامری Bameri
جمشیدزهی Jamshidzehi|Jamshidzahi
ملازهی Mollazehi|Mollazahi
گمشادزهی Gomshadzehi|Gamshadzehi
شهنوازی Shahnavazi
نخعی Nakhaei|Nakhai|Nakhaee
میرشکار Mirshekar
سرگلزایی Sargolzaei|Sargolzaee ; سرگلزائی
دهواری Dehvari|Dehwari
گرگیج Gorgij
حوت Hout|Hoot
کهرازهی Kahrazehi|Kahrazahi
شهوزهی Shahuzehi|Shahouzehi
سواری Sawari|Savari
کعبی Kaabi|Ka'bi
نیسی Neisi|Neysi
طرفی Torfi
باوی Bavi|Bawi
زرگانی Zargani
عساکره Asakereh|Asakere
ساعدی Saedi|Sa'edi
عبیداوی Obeidavi|Obeidawi
حمیداوی Hamidavi|Hamidawi
چنانی Chenani
سیلاوی Silavi|Silawi
ساکی Saki
مقدم Moghaddam|Moqaddam|Moghadam
رستگار Rastegar
کشاورز Keshavarz
آهنگر Ahangar
عطار Attar|Atar
زرگر Zargar
نجار Najjar|Najar
خیاط Khayat|Khayyat
صراف Sarraf|Saraf
حکیمی Hakimi
قاضی Ghazi|Qazi
شیخی Sheikhi|Sheykhi
سیدی Seyedi|Sayedi|Seyyedi
میرزا Mirza
بیات Bayat
قشقایی Ghashghaei|Qashqai|Ghashghaee ; قشقائی
شاملو Shamlou|Shamloo
حاجیلو Hajilou|Hajiloo
بیرانوند Beiranvand|Biranvand|Beyranvand
سپهوند Sepahvand
دالوند Dalvand
کاکاوند Kakavand
میرزاوند Mirzavand
پاپی Papi
بهمنی Bahmani
کمانگر Kamangar
هورامی Hawrami|Hourami|Avrami ; اورامی
زارعی Zarei|Zareei
ترابی Torabi
نعمتی Nemati|Ne'mati
اشرفی Ashrafi
فاضلی Fazeli
لطفی Lotfi
شجاعی Shojaei|Shojaee
حقیقی Haghighi|Haqiqi
صدری Sadri
مقدسی Moghaddasi|Moqaddasi
دانشور Daneshvar
امیدی Omidi
فرهمند Farahmand
شکوهی Shokouhi|Shokoohi
فروتن Foroutan|Forootan
نوروزی Nowrouzi|Norouzi|Nowruzi|Noroozi
بهاری Bahari
پاکدل Pakdel
وثوقی Vosoughi|Vosughi
معینی Moeini|Moini
جلالی Jalali
کاویانی Kaviani
اسلامی Eslami|Islami
شاهی Shahi
شهابی Shahabi
عرب Arab
عربی Arabi
ترکمن Torkaman|Turkmen|Torkman
آذری Azari
فارسی Farsi
صمدی Samadi
مومنی Momeni ; مؤمنی
گودرزی Goudarzi|Godarzi|Gudarzi
ملک+زاده Malekzadeh|Malekzade
کوهی Kouhi|Koohi
کوهستانی Kouhestani|Kuhestani
دریایی Daryaei|Daryaee ; دریائی
رحمتی Rahmati
عظیمی Azimi
فرخی Farrokhi|Farokhi
ثابتی Sabeti
جهانگیری Jahangiri
سهرابی Sohrabi
ویسی Veisi|Vaisi|Waisi
قبادی Ghobadi|Qobadi
کاکایی Kakaei|Kakayi ; کاکائی
حسین+پناهی Hosseinpanahi|Hoseinpanahi
یزدان+پناه Yazdanpanah
غفاری Ghaffari|Ghafari|Qaffari
خدادادی Khodadadi
الهی Elahi
نیک+خواه Nikkhah
وطن+خواه Vatankhah
دادخواه Dadkhah
امیدوار Omidvar
دانشمند Daneshmand
هنرمند Honarmand
هنرور Honarvar
جوانمرد Javanmard
پهلوان Pahlavan
پهلوانی Pahlavani
شهسواری Shahsavari
سپاهی Sepahi
سروری Sarvari
قهرمانی Ghahremani|Qahremani
اسکندری Eskandari
خسروشاهی Khosroshahi
آزادی Azadi
بهشتی Beheshti
رضوانی Rezvani
صبوری Sabouri|Saburi
شکیبا Shakiba
جهانی Jahani
کیهانی Keyhani|Kayhani
فروغی Foroughi|Forughi
عبد+اللهی Abdollahi|Abdolahi
نصر+اللهی Nasrollahi|Nasrolahi
حبیبی Habibi
حبیب+اللهی Habibollahi
فتاحی Fattahi|Fatahi
عابدینی Abedini
موحد Movahed
موحدی Movahedi
امامی Emami
شریعتی Shariati
مطهری Motahari
قاضی+زاده Ghazizadeh|Qazizadeh
شمس Shams
شمسی Shamsi
قمری Ghamari|Qamari
ستاری Sattari
جباری Jabbari|Jabari
غفوری Ghafouri|Ghafoori|Qafuri
نیکو Nikou|Nikoo
صدیقی Sedighi|Sediqi
رفیعی Rafiei|Rafiee
اعتمادی Etemadi
مشیری Moshiri
کیوانی Keyvani|Kayvani
پرویزی Parvizi
شکری Shokri
یگانه Yeganeh
جمشیدی Jamshidi
فریدونی Fereydouni|Fereidouni
منوچهری Manouchehri|Manuchehri
فرامرزی Faramarzi
خادمی Khademi
مقصودی Maghsoudi|Maqsoudi
نجاتی Nejati
شیرزاد Shirzad
ضیایی Ziaei|Ziaee ; ضیائی
ابو+الحسنی Abolhassani|Abolhasani
اسحاقی Eshaghi|Eshaqi
ایوبی Ayoubi|Ayubi
یونسی Younesi|Yunesi
عیسوی Isavi|Eisavi
یحیایی Yahyaei|Yahyaee ; یحیائی
ادریسی Edrisi|Idrisi
شاهمرادی Shahmoradi
شهریاری Shahriari|Shahryari
پارسا Parsa
پارسایی Parsaei|Parsaee ; پارسائی
کاشفی Kashefi
واعظی Vaezi
مدرس Modarres|Modares
مدرسی Modarresi|Modaresi
معلمی Moallemi
استادی Ostadi
صنعتی Sanati
ناصری Naseri
نصرتی Nosrati
سرمدی Sarmadi
زینالی Zeynali|Zeinali
قدیری Ghadiri|Qadiri
چراغی Cheraghi|Cheraqi
رمضانی Ramezani|Ramazani
شعبانی Shabani
رجبی Rajabi
محرمی Moharrami|Moharami
عیدی Eidi
زمستانی Zemestani
اسفندیاری Esfandiari|Esfandyari
تقوایی Taghvaei|Taqvaei ; تقوائی
موسوی+نژاد Mousavinejad|Mousavinezhad|Musavinejad
هاشمی+نژاد Hasheminejad|Hasheminezhad
کاظمی+نیا Kazeminia|Kazeminiya
"""

# Given-name roots for composed surnames: "persian latin1|latin2 FLAGS", most frequent first.
# Every root takes -zadeh, -pour, -nejad, -nia; a root ending in a consonant also takes -i and
# -i + nejad/far/pour. FLAGS add: I -ian, K -khani, A -abadi, L -lou, V -vand, M Mir- + -i,
# H Haj- + -i, P Pour- prefix, Z -zehi (Baluchi).
NAME_ROOTS = """
علی Ali IKALVP
حسین Hossein|Hosein IKAMHP
حسن Hassan|Hasan IKALVMHP
رضا Reza KVP
محمد Mohammad|Mohamad IKAMHP
احمد Ahmad IKALMHP
کریم Karim IKAVMHP
رحیم Rahim IKAMP
جعفر Jafar|Jaafar IAMHP
قاسم Ghasem|Qasem IALMHP
عباس Abbas IAMHP
اکبر Akbar IHP
اصغر Asghar IP
ابراهیم Ebrahim|Ibrahim IKAP
اسماعیل Esmaeil|Esmail IKAZP
یوسف Yousef|Yusef IAP
موسی Mousa|Musa P
تقی Taghi|Taqi KP
نقی Naghi|Naqi P
مهدی Mehdi|Mahdi IKAP
امیر Amir IKAHP
صادق Sadegh|Sadeq IMP
کاظم Kazem IMP
باقر Bagher|Baqer IMP
رسول Rasoul|Rasul IP
جلیل Jalil IV
خلیل Khalil IP
نصیر Nasir IA
منصور Mansour|Mansur IP
مراد Morad|Murad IKV
رحمان Rahman IP
ولی Vali KP
نبی Nabi P
هادی Hadi IP
شریف Sharif IAP
نجف Najaf IAP
رجب Rajab IP
قربان Ghorban|Qorban IP
حیدر Heydar|Heidar IKAP
صفر Safar IKP
یعقوب Yaghoub|Yaqub IP
عزیز Aziz IAP
جمال Jamal IP
کمال Kamal IP
سلیمان Soleiman|Soleyman IP
بهرام Bahram IP
رستم Rostam IKP
شاه Shah A
میر Mir I
آقا Agha|Aqa K
حاجی Haji|Hajji KA
ملا Molla|Mulla -
شیخ Sheikh|Sheykh IK
خان Khan IL
بیگ Beig|Beyg L
بابا Baba K
درویش Darvish I
پیر Pir -
نادر Nader IP
فرج Faraj IP
نوروز Nowrouz|Norouz -
غلام Gholam|Qolam P
قلی Gholi|Qoli -
نظر Nazar P
یزدان Yazdan IP
ایمان Iman L
سلطان Soltan|Sultan IAP
عسگر Asgar|Askar I
داوود Davoud|Davood P
طاهر Taher IKP
زمان Zaman I
مختار Mokhtar IP
اسد Asad IP
"""

# Place adjectives ("of Tehran"): each is a surname, and takes -nejad, -pour, -far.
PLACE_ADJECTIVES = """
تهرانی Tehrani
اصفهانی Esfahani|Isfahani
شیرازی Shirazi
تبریزی Tabrizi
کرمانی Kermani
یزدی Yazdi
مشهدی Mashhadi
رشتی Rashti
قزوینی Ghazvini|Qazvini
زنجانی Zanjani
همدانی Hamedani|Hamadani
کاشانی Kashani
اردبیلی Ardabili|Ardebili
خراسانی Khorasani
گیلانی Gilani
مازندرانی Mazandarani
کردستانی Kordestani
لرستانی Lorestani
سبزواری Sabzevari
نیشابوری Neyshabouri|Nishaburi
طبسی Tabasi
بیرجندی Birjandi
سمنانی Semnani
دامغانی Damghani
ساروی Saravi
بابلی Baboli
آملی Amoli
لاهیجی Lahiji
لنگرودی Langroudi|Langarudi
سلماسی Salmasi
مرندی Marandi
اهری Ahari
سرابی Sarabi
میانجی Mianji|Miyanaji
بوشهری Bushehri|Boushehri
لاری Lari
جهرمی Jahromi
کازرونی Kazerouni|Kazeruni
اردکانی Ardakani
میبدی Meybodi
بافقی Bafghi|Bafqi
سیرجانی Sirjani
بمی Bami
زرندی Zarandi
کرمانشاهی Kermanshahi
بروجردی Boroujerdi|Borujerdi
گلپایگانی Golpayegani
اراکی Araki
ساوجی Saveji
قمی Ghomi|Qomi
دزفولی Dezfouli|Dezfuli
شوشتری Shushtari|Shoushtari
بهبهانی Behbahani
اهوازی Ahvazi
آبادانی Abadani
زابلی Zaboli
سیستانی Sistani
بلوچی Baluchi
قوچانی Ghouchani|Quchani
بجنوردی Bojnourdi|Bojnurdi
شاهرودی Shahroudi|Shahrudi
گرگانی Gorgani
تفرشی Tafreshi
فراهانی Farahani
طالقانی Taleghani|Taleqani
نطنزی Natanzi
کرجی Karaji
ورامینی Varamini
دماوندی Damavandi
شمیرانی Shemirani
خوانساری Khansari|Khansaari
"""

# Trades and callings: each is a surname, and takes -i, -zadeh, -pour, -ian.
TRADES = """
آهنگر Ahangar
عطار Attar|Atar
زرگر Zargar
نجار Najjar|Najar
خیاط Khayat|Khayyat
بزاز Bazzaz|Bazaz
نقاش Naghash|Naqqash
صراف Sarraf|Saraf
قصاب Ghassab|Qassab
بقال Baghal|Baqqal
کفاش Kaffash|Kafash
مسگر Mesgar
چوپان Choupan|Chupan
دهقان Dehghan|Dehqan
باغبان Baghban|Baqban
آسیابان Asiaban|Asyaban
ملاح Mallah
حداد Haddad
صباغ Sabbagh|Sabagh
نساج Nassaj
قناد Ghannad|Qannad
دباغ Dabbagh|Dabagh
رنجبر Ranjbar
کشاورز Keshavarz
سراج Sarraj|Saraj
حلاج Hallaj
آشپز Ashpaz
معمار Memar|Meamar
طبیب Tabib
حکیم Hakim
کاتب Kateb
جراح Jarrah|Jarah
نعلبند Nalband
خراط Kharrat|Kharat
بنکدار Bonakdar
تاجر Tajer
صیاد Sayyad|Sayad
گلکار Golkar
پزشک Pezeshk
"""

# Qualities and nature: take -far, -rad, -manesh, -nia, -kia, -pour; "i" marks those that take -i.
QUALITIES = """
نیک Nik
مهر Mehr
شاد Shad
آزاد Azad
پاک Pak
دانش Danesh
جهان Jahan
روشن Roshan i
امید Omid
کیان Kian
ایران Iran i
فرهنگ Farhang i
سپهر Sepehr i
کامران Kamran i
فرخ Farrokh|Farokh
خرم Khorram|Khoram i
صفا Safa
نور Nour|Noor
راستین Rastin
آرین Arian
"""

SUFFIXES: dict[str, tuple[str, tuple[str, ...], str]] = {
    # key: (persian, latin spellings most common first, how it attaches)
    "zadeh": ("زاده", ("zadeh", "zade"), "sep"),
    "pour": ("پور", ("pour", "poor", "pur"), "sep"),
    "nejad": ("نژاد", ("nejad", "nezhad", "nejhad"), "sep"),
    "nia": ("نیا", ("nia", "niya"), "sep"),
    "far": ("فر", ("far",), "sep"),
    "rad": ("راد", ("rad",), "sep"),
    "manesh": ("منش", ("manesh",), "sep"),
    "kia": ("کیا", ("kia", "kiya"), "sep"),
    "khani": ("خانی", ("khani",), "sep"),
    "abadi": ("آبادی", ("abadi",), "sep"),
    "ian": ("یان", ("ian", "yan"), "bound"),
    "lou": ("لو", ("lou", "loo", "lu"), "bound"),
    "vand": ("وند", ("vand", "wand"), "bound"),
    "zehi": ("زهی", ("zehi", "zahi"), "bound"),
    "i": ("ی", ("i",), "bound"),
}
PREFIXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pour": ("پور", ("Pour", "Poor", "Pur")),
    "mir": ("میر", ("Mir",)),
    "haj": ("حاج", ("Haj", "Hajj")),
}
# Relative frequency of each composed form, multiplied by the root's own weight.
FORM_WEIGHTS: dict[str, float] = {
    "zadeh": 1.0,
    "pour": 1.0,
    "i": 1.0,
    "nejad": 0.5,
    "ian": 0.5,
    "nia": 0.3,
    "khani": 0.3,
    "abadi": 0.3,
    "lou": 0.3,
    "vand": 0.3,
    "zehi": 0.3,
    "far": 0.2,
    "rad": 0.2,
    "manesh": 0.2,
    "kia": 0.15,
    "plain": 1.0,
    "i+nejad": 0.3,
    "i+far": 0.2,
    "i+pour": 0.2,
    "pre:pour": 0.3,
    "pre:mir": 0.3,
    "pre:haj": 0.2,
}
FLAG_SUFFIXES = {"I": "ian", "K": "khani", "A": "abadi", "L": "lou", "V": "vand", "Z": "zehi"}
FLAG_PREFIXES = {"M": "mir", "H": "haj", "P": "pour"}


@dataclass
class Entry:
    """One name being built: canonical Persian, other Persian spellings, Latin spellings."""

    persian: str
    latin: list[str]
    weight: float
    variants: list[str] = field(default_factory=list)
    sex: str = ""


def join_persian(left: str, right: str, style: str) -> tuple[str, list[str]]:
    """Join two Persian parts; return the canonical form and the other usual spellings.

    ``sep``: a separate morpheme, written with ZWNJ after a joining letter (solid after a
    non-joining one), also seen with a space or solid. ``solid``: solid is canonical whatever the
    letter. ``bound``: a true suffix, always solid.
    """
    solid, spaced, zwnj = left + right, f"{left} {right}", left + ZWNJ + right
    if style == "bound":
        return solid, []
    if style == "solid" or left[-1] in NON_JOINING:
        return solid, [spaced, zwnj]
    return zwnj, [spaced, solid]


def combine_latin(lefts: Iterable[str], rights: Iterable[str], limit: int) -> list[str]:
    """Concatenate spellings, most common combinations first, at most ``limit`` of them."""
    left_list, right_list = list(lefts), list(rights)
    pairs = sorted(
        ((i, j) for i in range(len(left_list)) for j in range(len(right_list))),
        key=lambda ij: (ij[0] + ij[1], ij[0]),
    )
    out: list[str] = []
    for i, j in pairs:
        word = left_list[i] + right_list[j]
        word = word[0].upper() + word[1:]
        if word not in out and not TRIPLED.search(word.lower()):
            out.append(word)
    return out[:limit]


def zipf(rank: int, exponent: float, scale: float = 1000.0) -> float:
    """Relative frequency of the ``rank``-th item (1-based) under a Zipf law."""
    value: float = scale / float(rank) ** exponent
    return round(value, 3)


def parse_spec(spec: str) -> tuple[str, list[str]]:
    """Expand a Persian field: ``a+b`` (ZWNJ rule), ``a&b`` (solid), or a plain word."""
    for mark, style in (("+", "sep"), ("&", "solid")):
        if mark in spec:
            left, right = spec.split(mark)
            return join_persian(left, right, style)
    return spec, []


def parse_table(text: str) -> Iterator[list[str]]:
    """Yield the whitespace-separated fields of each non-blank line of a table."""
    for line in text.strip().splitlines():
        if line.strip():
            yield line.split()


def split_line(line: str, fields: int) -> tuple[list[str], list[str]]:
    """Split ``head fields ... latin [; variants]`` where the Latin part may contain spaces."""
    main, _, extra = line.partition(" ; ")
    parts = main.split(" ", fields - 1)
    variants = extra.split("|") if extra else []
    return parts, variants


def build_given_names() -> list[Entry]:
    """Build the given names from the curated table, with Zipf weights ranked per sex."""
    entries: list[Entry] = []
    rank = {"m": 0, "f": 0}
    for line in GIVEN_NAMES.strip().splitlines():
        (sex, spec, latin), extra = split_line(line, 3)
        rank[sex] += 1
        persian, variants = parse_spec(spec)
        entries.append(
            Entry(
                persian,
                latin.split("|")[:MAX_LATIN],
                zipf(rank[sex], 1.1),
                variants + [v for v in extra if v not in variants],
                sex,
            )
        )
    return entries


class SurnameBook:
    """Surnames keyed by every Persian form; the first entry for a form wins."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self._forms: set[str] = set()
        self._latin: set[str] = set()

    def add(self, entry: Entry) -> bool:
        """Add ``entry`` unless a form or its main Latin spelling is taken or excluded."""
        forms = [entry.persian, *entry.variants]
        lowered = {s.lower() for s in entry.latin}
        if (
            any(f in self._forms for f in forms)
            or entry.latin[0].lower() in self._latin
            or lowered & EXCLUDED_SURNAMES
        ):
            return False
        self.entries.append(entry)
        self._forms.update(forms)
        self._latin.add(entry.latin[0].lower())
        return True


def compose(
    root: str, latin: list[str], key: str, weight: float, *, adjective: bool = False
) -> Entry:
    """Attach suffix ``key`` to a root (or to its ``-i`` adjective when ``adjective``)."""
    if adjective:
        root, latin = root + "ی", [s + "i" for s in latin]
    persian_suffix, latin_suffixes, style = SUFFIXES[key]
    variants: list[str]
    if key == "ian" and root.endswith("ی"):
        # علی → علیان (Alian), not *علییان
        persian, variants = root + "ان", []
        spellings = combine_latin(latin, ["an", "yan"], MAX_SURNAME_LATIN)
    else:
        persian, variants = join_persian(root, persian_suffix, style)
        spellings = combine_latin(latin, latin_suffixes, MAX_SURNAME_LATIN)
    return Entry(persian, spellings, weight, variants)


def prefixed(prefix: str, root: str, latin: list[str], weight: float, *, adjective: bool) -> Entry:
    """Put ``prefix`` (Pour-, Mir-, Haj-) before a root or its ``-i`` adjective."""
    if adjective:
        root, latin = root + "ی", [s + "i" for s in latin]
    persian_prefix, latin_prefixes = PREFIXES[prefix]
    persian, variants = join_persian(persian_prefix, root, "sep")
    lowered = [s[0].lower() + s[1:] for s in latin]
    return Entry(
        persian, combine_latin(latin_prefixes, lowered, MAX_SURNAME_LATIN), weight, variants
    )


def ends_in_consonant(latin: str) -> bool:
    """Whether a Latin spelling ends in a consonant (so ``-i`` can be added directly)."""
    return latin[-1].lower() not in "aeiou"


def name_root_forms(fields: list[str], weight: float) -> Iterator[Entry]:
    """All surnames composed from one given-name root."""
    persian, latin, flags = fields[0], fields[1].split("|"), fields[2]
    for key in ("zadeh", "pour", "nejad", "nia"):
        yield compose(persian, latin, key, weight * FORM_WEIGHTS[key])
    for flag, key in FLAG_SUFFIXES.items():
        if flag in flags:
            yield compose(persian, latin, key, weight * FORM_WEIGHTS[key])
    consonant = ends_in_consonant(latin[0])
    if consonant:
        yield Entry(persian + "ی", [s + "i" for s in latin], weight * FORM_WEIGHTS["i"])
        for key in ("nejad", "far", "pour"):
            w = weight * FORM_WEIGHTS[f"i+{key}"]
            yield compose(persian, latin, key, w, adjective=True)
    for flag, prefix in FLAG_PREFIXES.items():
        if flag in flags and (prefix == "pour" or consonant):
            w = weight * FORM_WEIGHTS[f"pre:{prefix}"]
            yield prefixed(prefix, persian, latin, w, adjective=prefix != "pour")


def build_surnames() -> list[Entry]:
    """Build the surnames: the curated list first, then composed forms, without duplicates."""
    book = SurnameBook()
    for rank, line in enumerate(CURATED_SURNAMES.strip().splitlines(), start=1):
        (spec, latin_field), extra = split_line(line, 2)
        persian, variants = parse_spec(spec)
        variants += [v for v in extra if v not in variants]
        if not book.add(Entry(persian, latin_field.split("|"), zipf(rank, 1.0), variants)):
            raise SystemExit(f"duplicate curated surname: {line}")
    for i, fields in enumerate(parse_table(NAME_ROOTS)):
        for entry in name_root_forms(fields, 10.0 / (i + 1) ** 0.6):
            book.add(entry)
    for i, fields in enumerate(parse_table(PLACE_ADJECTIVES)):
        persian, latin = fields[0], fields[1].split("|")
        weight = 3.0 / (i + 1) ** 0.5
        book.add(Entry(persian, latin, weight))
        for key in ("nejad", "pour", "far"):
            book.add(compose(persian, latin, key, weight * FORM_WEIGHTS[f"i+{key}"]))
    for i, fields in enumerate(parse_table(TRADES)):
        persian, latin = fields[0], fields[1].split("|")
        weight = 3.0 / (i + 1) ** 0.5
        book.add(Entry(persian, latin, weight))
        for key in ("i", "zadeh", "pour", "ian"):
            book.add(compose(persian, latin, key, weight * FORM_WEIGHTS[key]))
    for i, fields in enumerate(parse_table(QUALITIES)):
        persian, latin = fields[0], fields[1].split("|")
        weight = 2.0 / (i + 1) ** 0.5
        for key in ("far", "rad", "manesh", "nia", "kia", "pour"):
            book.add(compose(persian, latin, key, weight * FORM_WEIGHTS[key]))
        if fields[2:] == ["i"]:
            book.add(compose(persian, latin, "i", weight * FORM_WEIGHTS["i"]))
    for entry in book.entries:
        entry.weight = round(max(entry.weight, 0.001), 3)
    return book.entries


def render(entries: list[Entry], *, with_sex: bool) -> str:
    """Render entries as CSV text with a header row and ``\\n`` line endings."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if with_sex:
        writer.writerow(["persian", "latin", "sex", "weight", "persian_variants"])
    else:
        writer.writerow(["persian", "latin", "weight", "persian_variants"])
    for e in entries:
        row = [e.persian, "|".join(e.latin)]
        if with_sex:
            row.append(e.sex)
        row += [f"{e.weight:g}", "|".join(e.variants)]
        writer.writerow(row)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) ``given_names.csv`` and ``surnames.csv``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="fail if the CSVs are stale")
    args = parser.parse_args(argv)
    outputs = {
        "given_names.csv": render(build_given_names(), with_sex=True),
        "surnames.csv": render(build_surnames(), with_sex=False),
    }
    stale = []
    for name, text in outputs.items():
        path = DATA_DIR / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"{path}: {text.count(chr(10)) - 1} rows")
    if stale:
        print(f"stale: {', '.join(stale)}; run python scripts/build_vocab.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
