"""Made-up news articles in many languages and scripts, written for the tests, and the
two shapes a user hands the cleaner: a saved page in a usual CMS shape (with or without
JSON-LD/OpenGraph) and a browser's select-all copy of it (the visible lines, no title line).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Story:
    lang: str
    title: str
    byline: str  # as printed
    author: str  # the name the byline gives
    printed_date: str
    date: datetime
    paragraphs: tuple[str, ...]
    caption: str
    menu: tuple[str, ...]
    related: tuple[str, ...]
    footer: str


STORIES = {
    "ja": Story(
        "ja", "市営バス、来春から深夜便を増便へ", "記者 山田太郎", "山田太郎", "2026年12月2日 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "市は1日、来年4月から市営バスの深夜便を大幅に増やすと発表した。対象は中心部と郊外を結ぶ12路線で、最終便の時刻を約1時間遅らせる。",
            "市によると、夜間に働く人や学生から要望が多く寄せられていた。運転手の確保が課題となっており、市は来年度の予算案に採用経費を盛り込む方針だ。",
            "市長は記者会見で「市民の暮らしを支える足として、夜も安心して使えるバスにしたい」と述べた。利用状況を見ながら、対象路線をさらに広げることも検討するという。",
        ),
        "駅前のバスターミナル（1日撮影）", ("ホーム", "ニュース", "政治", "経済", "スポーツ"), ("市議会、新年度予算案を可決", "駅前再開発が本格化"), "© 2026 サンプル新聞社 無断転載を禁じます",
    ),
    "zh-Hans": Story(
        "zh-Hans", "城市公交明年起延长夜间运营时间", "记者 王小明", "王小明", "2026年12月2日 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "市交通局1日宣布，从明年4月起，全市12条公交线路将把末班车时间推迟约一小时。这是近十年来公交运营时间调整幅度最大的一次。",
            "交通局负责人表示，夜间工作的市民和学生多次提出延长运营时间的要求。目前最大的困难是司机人手不足，交通局计划明年招聘更多司机。",
            "市长在新闻发布会上说：“我们希望公交成为市民夜间出行也能放心使用的交通工具。”交通局将根据客流情况，考虑进一步扩大调整范围。",
        ),
        "火车站前的公交枢纽（1日摄）", ("首页", "新闻", "政治", "经济", "体育"), ("市人大通过新年度预算", "火车站改造全面启动"), "版权所有 © 2026 示例日报社",
    ),
    "zh-Hant": Story(
        "zh-Hant", "城市公車明年起延長夜間營運時間", "記者 陳大文", "陳大文", "2026年12月2日 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "市交通局1日宣布，從明年4月起，全市12條公車路線將把末班車時間延後約一小時。這是近十年來公車營運時間調整幅度最大的一次。",
            "交通局負責人表示，夜間工作的市民和學生多次提出延長營運時間的要求。目前最大的困難是司機人手不足，交通局計畫明年招募更多司機。",
            "市長在記者會上說：「我們希望公車成為市民夜間出行也能放心使用的交通工具。」交通局將根據載客情況，考慮進一步擴大調整範圍。",
        ),
        "火車站前的公車轉運站（1日攝）", ("首頁", "新聞", "政治", "財經", "體育"), ("市議會通過新年度預算", "火車站改建全面啟動"), "版權所有 © 2026 範例日報社",
    ),
    "ko": Story(
        "ko", "시내버스, 내년 봄부터 심야 운행 늘린다", "김민수 기자", "김민수", "2026년 12월 2일 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "시는 1일 내년 4월부터 시내버스 심야 운행을 크게 늘린다고 밝혔다. 도심과 외곽을 잇는 12개 노선의 막차 시간이 약 1시간 늦춰진다.",
            "시에 따르면 밤늦게 일하는 시민과 학생들의 요청이 많았다. 운전기사 확보가 가장 큰 과제로, 시는 내년 예산안에 채용 비용을 반영할 계획이다.",
            "시장은 기자회견에서 \"밤에도 안심하고 탈 수 있는 버스를 만들겠다\"고 말했다. 시는 이용 현황을 살펴 대상 노선을 더 넓히는 방안도 검토하기로 했다.",
        ),
        "역 앞 버스 환승센터 모습", ("홈", "뉴스", "정치", "경제", "스포츠"), ("시의회, 새해 예산안 통과", "역세권 재개발 본격화"), "ⓒ 2026 예시일보. 무단 전재 및 재배포 금지",
    ),
    "ru": Story(
        "ru", "Городские автобусы будут ходить дольше с весны", "Автор: Иван Петров", "Иван Петров", "2 декабря 2026, 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "Мэрия объявила во вторник, что с апреля следующего года двенадцать автобусных маршрутов будут работать на час дольше. Это крупнейшее изменение расписания за последние десять лет.",
            "По словам чиновников, жители, работающие по ночам, и студенты давно просили продлить работу транспорта. Главной трудностью остаётся нехватка водителей, и город намерен нанять новых.",
            "Мэр заявил на пресс-конференции, что автобус должен быть удобным и безопасным и поздно вечером. В дальнейшем список маршрутов может быть расширен.",
        ),
        "Автобусный вокзал у станции", ("Главная", "Новости", "Политика", "Экономика", "Спорт"), ("Городская дума приняла бюджет", "Реконструкция вокзала началась"), "© 2026 Пример-Новости. Все права защищены.",
    ),
    "ar": Story(
        "ar", "حافلات المدينة تمدد ساعات عملها الليلية", "بقلم أحمد علي", "أحمد علي", "2 ديسمبر 2026", datetime(2026, 12, 2),
        (
            "أعلنت البلدية يوم الثلاثاء أن اثني عشر خطا للحافلات ستعمل ساعة إضافية كل ليلة اعتبارا من شهر أبريل المقبل، في أكبر تغيير للجدول منذ عشر سنوات.",
            "وقال مسؤولون إن السكان الذين يعملون ليلا والطلاب طالبوا منذ فترة طويلة بتمديد ساعات النقل. وتبقى قلة السائقين أكبر عقبة، وتعتزم المدينة توظيف سائقين جدد؟",
            "وقال رئيس البلدية في مؤتمر صحفي إن الحافلة يجب أن تكون مريحة وآمنة في ساعات الليل أيضا، مضيفا أن قائمة الخطوط قد تتسع لاحقا.",
        ),
        "محطة الحافلات قرب محطة القطار", ("الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة"), ("المجلس البلدي يقر الميزانية", "بدء تجديد محطة القطار"), "© 2026 صحيفة المثال. جميع الحقوق محفوظة.",
    ),
    "th": Story(
        "th", "รถเมล์ในเมืองขยายเวลาวิ่งกลางคืนตั้งแต่ปีหน้า", "โดย สมชาย ใจดี", "สมชาย ใจดี", "2 ธันวาคม 2569 10:30 น.", datetime(2026, 12, 2, 10, 30),
        (
            "เทศบาลประกาศเมื่อวันอังคารว่าตั้งแต่เดือนเมษายนปีหน้ารถเมล์สิบสองสายจะวิ่งเพิ่มอีกหนึ่งชั่วโมงทุกคืน ซึ่งเป็นการเปลี่ยนแปลงตารางเวลาครั้งใหญ่ที่สุดในรอบสิบปี",
            "เจ้าหน้าที่กล่าวว่าผู้ที่ทำงานกลางคืนและนักศึกษาเรียกร้องมานานให้ขยายเวลาเดินรถ ปัญหาใหญ่ที่สุดคือการขาดแคลนพนักงานขับรถ และเทศบาลมีแผนจะรับพนักงานใหม่",
            "นายกเทศมนตรีกล่าวในการแถลงข่าวว่ารถเมล์ต้องสะดวกและปลอดภัยแม้ในยามดึก และอาจเพิ่มเส้นทางอื่นในภายหลัง",
        ),
        "สถานีขนส่งใกล้สถานีรถไฟ", ("หน้าแรก", "ข่าว", "การเมือง", "เศรษฐกิจ", "กีฬา"), ("สภาเมืองผ่านงบประมาณ", "เริ่มปรับปรุงสถานีรถไฟ"), "© 2569 หนังสือพิมพ์ตัวอย่าง สงวนลิขสิทธิ์",
    ),
    "km": Story(
        "km", "រថយន្តក្រុងនឹងបន្ថែមម៉ោងដំណើរការពេលយប់", "ដោយ សុខ ចាន់", "សុខ ចាន់", "2 ធ្នូ 2026", datetime(2026, 12, 2),
        (
            "សាលាក្រុងបានប្រកាសកាលពីថ្ងៃអង្គារថា ចាប់ពីខែមេសាឆ្នាំក្រោយ ខ្សែរថយន្តក្រុងដប់ពីរខ្សែនឹងដំណើរការបន្ថែមមួយម៉ោងរៀងរាល់យប់។",
            "មន្ត្រីបាននិយាយថា អ្នកធ្វើការពេលយប់ និងនិស្សិតបានស្នើសុំជាយូរមកហើយឱ្យពន្យារម៉ោងដឹកជញ្ជូន។ បញ្ហាធំបំផុតគឺកង្វះអ្នកបើកបរ។",
            "អភិបាលក្រុងបាននិយាយនៅក្នុងសន្និសីទសារព័ត៌មានថា រថយន្តក្រុងត្រូវតែមានសុវត្ថិភាពនៅពេលយប់ផងដែរ។",
        ),
        "ស្ថានីយរថយន្តក្រុងក្បែរស្ថានីយរថភ្លើង", ("ទំព័រដើម", "ព័ត៌មាន", "នយោបាយ", "សេដ្ឋកិច្ច", "កីឡា"), ("ក្រុមប្រឹក្សាអនុម័តថវិកា", "ការជួសជុលស្ថានីយចាប់ផ្តើម"), "© 2026 កាសែតគំរូ",
    ),
    "de": Story(
        "de", "Stadtbusse fahren ab dem Frühjahr länger", "Von Anna Schmidt", "Anna Schmidt", "2. Dezember 2026, 10:30 Uhr", datetime(2026, 12, 2, 10, 30),
        (
            "Die Stadt hat am Dienstag angekündigt, dass zwölf Buslinien ab April jeden Abend eine Stunde länger fahren. Es ist die größte Änderung des Fahrplans seit zehn Jahren.",
            "Nach Angaben der Verwaltung hatten Schichtarbeiter und Studierende seit Langem längere Fahrzeiten gefordert. Die größte Schwierigkeit bleibt der Mangel an Fahrern, die Stadt will neue einstellen.",
            "Der Bürgermeister sagte auf einer Pressekonferenz, der Bus müsse auch spät am Abend bequem und sicher sein. Weitere Linien könnten später hinzukommen.",
        ),
        "Der Busbahnhof am Hauptbahnhof", ("Startseite", "Nachrichten", "Politik", "Wirtschaft", "Sport"), ("Stadtrat beschließt den Haushalt", "Umbau des Bahnhofs beginnt"), "© 2026 Beispiel-Zeitung. Alle Rechte vorbehalten.",
    ),
    "es": Story(
        "es", "Los autobuses urbanos ampliarán su horario nocturno", "Por María García", "María García", "2 de diciembre de 2026 - 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "El ayuntamiento anunció el martes que doce líneas de autobús funcionarán una hora más cada noche a partir de abril. Es el mayor cambio de horario en una década.",
            "Según los responsables, los trabajadores nocturnos y los estudiantes llevaban tiempo pidiendo un servicio más largo. La falta de conductores sigue siendo el mayor obstáculo y la ciudad contratará a nuevos.",
            "El alcalde dijo en una rueda de prensa que el autobús debe ser cómodo y seguro también por la noche. Más líneas podrían sumarse después.",
        ),
        "La estación de autobuses junto a la estación de tren", ("Portada", "Noticias", "Política", "Economía", "Deportes"), ("El pleno aprueba el presupuesto", "Comienza la reforma de la estación"), "© 2026 Diario Ejemplo. Todos los derechos reservados.",
    ),
    "fr": Story(
        "fr", "Les bus de la ville rouleront plus tard dès le printemps", "Par Claire Dubois", "Claire Dubois", "Publié le 2 décembre 2026 à 10h30", datetime(2026, 12, 2, 10, 30),
        (
            "La mairie a annoncé mardi que douze lignes de bus circuleront une heure de plus chaque soir à partir d'avril. C'est le plus grand changement d'horaires depuis dix ans.",
            "Selon les responsables, les travailleurs de nuit et les étudiants réclamaient depuis longtemps un service plus tardif. Le manque de conducteurs reste la principale difficulté, et la ville compte en recruter.",
            "Le maire a déclaré lors d'une conférence de presse que le bus doit rester confortable et sûr le soir. D'autres lignes pourraient suivre.",
        ),
        "La gare routière près de la gare", ("Accueil", "Actualités", "Politique", "Économie", "Sport"), ("Le conseil municipal vote le budget", "La rénovation de la gare commence"), "© 2026 Journal Exemple. Tous droits réservés.",
    ),
    "id": Story(
        "id", "Bus kota akan beroperasi lebih malam mulai tahun depan", "Oleh Budi Santoso", "Budi Santoso", "Rabu, 2 Desember 2026 10:30 WIB", datetime(2026, 12, 2, 10, 30),
        (
            "Pemerintah kota mengumumkan pada hari Selasa bahwa dua belas rute bus akan beroperasi satu jam lebih lama setiap malam mulai bulan April. Ini adalah perubahan jadwal terbesar dalam sepuluh tahun.",
            "Menurut para pejabat, pekerja malam dan mahasiswa sudah lama meminta layanan yang lebih panjang. Kekurangan sopir masih menjadi kendala utama dan kota akan merekrut sopir baru.",
            "Wali kota mengatakan dalam konferensi pers bahwa bus harus nyaman dan aman juga pada malam hari. Rute lain mungkin akan ditambahkan kemudian.",
        ),
        "Terminal bus di dekat stasiun kereta", ("Beranda", "Berita", "Politik", "Ekonomi", "Olahraga"), ("DPRD sahkan anggaran", "Renovasi stasiun dimulai"), "© 2026 Harian Contoh. Hak cipta dilindungi.",
    ),
    "pl": Story(
        "pl", "Miejskie autobusy będą jeździć dłużej od wiosny", "Autor: Jan Kowalski", "Jan Kowalski", "2 grudnia 2026, 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "Urząd miasta ogłosił we wtorek, że od kwietnia dwanaście linii autobusowych będzie kursować każdego wieczoru o godzinę dłużej. To największa zmiana rozkładu od dziesięciu lat.",
            "Według urzędników osoby pracujące w nocy oraz studenci od dawna prosili o dłuższe kursowanie. Największym problemem pozostaje brak kierowców, dlatego miasto zatrudni nowych.",
            "Prezydent miasta powiedział na konferencji prasowej, że autobus musi być wygodny i bezpieczny także późnym wieczorem. Później mogą dojść kolejne linie.",
        ),
        "Dworzec autobusowy przy dworcu kolejowym", ("Strona główna", "Wiadomości", "Polityka", "Gospodarka", "Sport"), ("Rada miasta przyjęła budżet", "Ruszyła przebudowa dworca"), "© 2026 Gazeta Przykładowa. Wszelkie prawa zastrzeżone.",
    ),
    "tr": Story(
        "tr", "Şehir otobüsleri ilkbahardan itibaren daha geç saatlere kadar çalışacak", "Yazar: Ayşe Yılmaz", "Ayşe Yılmaz", "2 Aralık 2026 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "Belediye salı günü yaptığı açıklamada, nisan ayından itibaren on iki otobüs hattının her akşam bir saat daha uzun çalışacağını duyurdu. Bu, son on yılın en büyük tarife değişikliği.",
            "Yetkililere göre gece çalışanlar ve öğrenciler uzun süredir daha uzun hizmet talep ediyordu. Şoför eksikliği en büyük sorun olmaya devam ediyor ve belediye yeni şoförler alacak.",
            "Belediye başkanı basın toplantısında otobüsün gece geç saatlerde de rahat ve güvenli olması gerektiğini söyledi. Daha sonra başka hatlar da eklenebilir.",
        ),
        "Tren istasyonunun yanındaki otogar", ("Ana Sayfa", "Haberler", "Politika", "Ekonomi", "Spor"), ("Belediye meclisi bütçeyi onayladı", "İstasyon yenilemesi başladı"), "© 2026 Örnek Gazetesi. Tüm hakları saklıdır.",
    ),
    "it": Story(
        "it", "Gli autobus cittadini viaggeranno più a lungo dalla primavera", "Di Marco Rossi", "Marco Rossi", "Pubblicato il 2 dicembre 2026 alle 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "Il comune ha annunciato martedì che da aprile dodici linee di autobus circoleranno ogni sera un'ora in più. È il più grande cambiamento dell'orario degli ultimi dieci anni.",
            "Secondo i responsabili, i lavoratori notturni e gli studenti chiedevano da tempo un servizio più lungo. La mancanza di autisti resta il problema principale e la città ne assumerà di nuovi.",
            "Il sindaco ha detto in una conferenza stampa che l'autobus deve essere comodo e sicuro anche la sera tardi. Altre linee potrebbero aggiungersi in seguito.",
        ),
        "La stazione degli autobus accanto alla stazione ferroviaria", ("Home", "Notizie", "Politica", "Economia", "Sport"), ("Il consiglio approva il bilancio", "Iniziano i lavori alla stazione"), "© 2026 Giornale Esempio. Tutti i diritti riservati.",
    ),
    "pt": Story(
        "pt", "Os ônibus da cidade vão circular até mais tarde a partir da primavera", "Por João Silva", "João Silva", "2 de dezembro de 2026 às 10h30", datetime(2026, 12, 2, 10, 30),
        (
            "A prefeitura anunciou na terça-feira que doze linhas de ônibus vão circular uma hora a mais todas as noites a partir de abril. É a maior mudança de horário em dez anos.",
            "Segundo os responsáveis, os trabalhadores noturnos e os estudantes pediam há muito tempo um serviço mais longo. A falta de motoristas continua a ser o maior problema e a cidade vai contratar novos.",
            "O prefeito disse em uma entrevista coletiva que o ônibus deve ser confortável e seguro também à noite. Outras linhas poderão ser incluídas depois.",
        ),
        "A rodoviária ao lado da estação de trem", ("Início", "Notícias", "Política", "Economia", "Esportes"), ("Câmara aprova o orçamento", "Começa a reforma da estação"), "© 2026 Jornal Exemplo. Todos os direitos reservados.",
    ),
    "nl": Story(
        "nl", "Stadsbussen rijden vanaf het voorjaar langer door", "Door Jan de Vries", "Jan de Vries", "Gepubliceerd op 2 december 2026 om 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "De gemeente heeft dinsdag bekendgemaakt dat twaalf buslijnen vanaf april elke avond een uur langer rijden. Het is de grootste wijziging van de dienstregeling in tien jaar.",
            "Volgens de verantwoordelijken vroegen nachtwerkers en studenten al lang om een langere dienst. Het tekort aan chauffeurs blijft het grootste probleem en de stad gaat nieuwe mensen aannemen.",
            "De burgemeester zei op een persconferentie dat de bus ook laat op de avond comfortabel en veilig moet zijn. Later kunnen er meer lijnen bijkomen.",
        ),
        "Het busstation naast het treinstation", ("Home", "Nieuws", "Politiek", "Economie", "Sport"), ("Gemeenteraad keurt begroting goed", "Verbouwing van het station begint"), "© 2026 Voorbeeldkrant. Alle rechten voorbehouden.",
    ),
    "el": Story(
        "el", "Τα αστικά λεωφορεία θα κυκλοφορούν αργότερα από την άνοιξη", "Από Γιάννης Παπαδόπουλος", "Γιάννης Παπαδόπουλος", "2 Δεκεμβρίου 2026, 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "Ο δήμος ανακοίνωσε την Τρίτη ότι από τον Απρίλιο δώδεκα γραμμές λεωφορείων θα κυκλοφορούν μία ώρα περισσότερο κάθε βράδυ. Είναι η μεγαλύτερη αλλαγή δρομολογίων των τελευταίων δέκα ετών.",
            "Σύμφωνα με τους υπευθύνους, οι νυχτερινοί εργαζόμενοι και οι φοιτητές ζητούσαν εδώ και καιρό μεγαλύτερο ωράριο. Η έλλειψη οδηγών παραμένει το μεγαλύτερο πρόβλημα και η πόλη θα προσλάβει νέους.",
            "Ο δήμαρχος είπε σε συνέντευξη Τύπου ότι το λεωφορείο πρέπει να είναι άνετο και ασφαλές και αργά το βράδυ. Αργότερα μπορεί να προστεθούν κι άλλες γραμμές.",
        ),
        "Ο σταθμός λεωφορείων δίπλα στον σιδηροδρομικό σταθμό", ("Αρχική", "Ειδήσεις", "Πολιτική", "Οικονομία", "Αθλητισμός"), ("Το δημοτικό συμβούλιο ενέκρινε τον προϋπολογισμό", "Ξεκινά η ανακαίνιση του σταθμού"), "© 2026 Εφημερίδα Παράδειγμα. Με την επιφύλαξη παντός δικαιώματος.",
    ),
    "hu": Story(
        "hu", "Tavasztól tovább járnak a városi buszok", "Szerző: Kovács János", "Kovács János", "2026. december 2. 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "A város kedden bejelentette, hogy áprilistól tizenkét buszvonal minden este egy órával tovább közlekedik. Ez a menetrend legnagyobb változása az elmúlt tíz évben.",
            "A felelősök szerint az éjszakai műszakban dolgozók és a diákok régóta kérték a hosszabb üzemidőt. A sofőrhiány továbbra is a legnagyobb gond, ezért a város újakat vesz fel.",
            "A polgármester egy sajtótájékoztatón azt mondta, hogy a busznak késő este is kényelmesnek és biztonságosnak kell lennie. Később további vonalak is csatlakozhatnak.",
        ),
        "A buszpályaudvar a vasútállomás mellett", ("Címlap", "Hírek", "Belföld", "Gazdaság", "Sport"), ("A közgyűlés elfogadta a költségvetést", "Elkezdődik az állomás felújítása"), "© 2026 Minta Hírlap. Minden jog fenntartva.",
    ),
    "he": Story(
        "he", "האוטובוסים בעיר יפעלו עד מאוחר יותר מהאביב", "מאת יוסי כהן", "יוסי כהן", "2 בדצמבר 2026, 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "העירייה הודיעה ביום שלישי כי החל מאפריל שנים עשר קווי אוטובוס יפעלו שעה נוספת בכל ערב. זהו השינוי הגדול ביותר בלוח הזמנים בעשור האחרון.",
            "לדברי האחראים, עובדי לילה וסטודנטים ביקשו זה מכבר שירות ארוך יותר. המחסור בנהגים נותר הבעיה העיקרית, והעירייה תגייס נהגים חדשים.",
            "ראש העיר אמר במסיבת עיתונאים כי האוטובוס צריך להיות נוח ובטוח גם בשעות הלילה המאוחרות. בהמשך ייתכן שיתווספו קווים נוספים.",
        ),
        "תחנת האוטובוסים ליד תחנת הרכבת", ("ראשי", "חדשות", "פוליטיקה", "כלכלה", "ספורט"), ("מועצת העיר אישרה את התקציב", "שיפוץ התחנה מתחיל"), "© 2026 עיתון לדוגמה. כל הזכויות שמורות.",
    ),
    "hi": Story(
        "hi", "वसंत से शहर की बसें देर रात तक चलेंगी", "लेखक: राहुल शर्मा", "राहुल शर्मा", "2 दिसंबर 2026, 10:30", datetime(2026, 12, 2, 10, 30),
        (
            "नगर निगम ने मंगलवार को घोषणा की कि अप्रैल से बारह बस मार्ग हर रात एक घंटा अधिक चलेंगे। यह पिछले दस वर्षों में समय सारणी का सबसे बड़ा बदलाव है।",
            "अधिकारियों के अनुसार रात में काम करने वाले लोग और छात्र लंबे समय से लंबी सेवा की मांग कर रहे थे। चालकों की कमी अब भी सबसे बड़ी समस्या है और शहर नए चालकों की भर्ती करेगा।",
            "महापौर ने एक संवाददाता सम्मेलन में कहा कि बस देर रात भी आरामदायक और सुरक्षित होनी चाहिए। बाद में और मार्ग जोड़े जा सकते हैं।",
        ),
        "रेलवे स्टेशन के पास बस अड्डा", ("होम", "समाचार", "राजनीति", "अर्थव्यवस्था", "खेल"), ("नगर परिषद ने बजट पारित किया", "स्टेशन का नवीनीकरण शुरू"), "© 2026 उदाहरण समाचार। सर्वाधिकार सुरक्षित।",
    ),
}


def html_page(story: Story, metadata: bool) -> str:
    head = f"<meta charset='utf-8'><title>{story.title} - Example</title>"
    if metadata:
        head += f'<meta property="og:title" content="{story.title}"><meta property="og:url" content="https://news.example/a/1">'
        head += '<script type="application/ld+json">' + json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title, "inLanguage": story.lang,
            "datePublished": story.date.isoformat(), "author": {"@type": "Person", "name": story.author},
        }, ensure_ascii=False) + "</script>"
    menu = "".join(f"<li><a href='/c/{i}'>{item}</a></li>" for i, item in enumerate(story.menu))
    related = "".join(f"<li><a href='/r/{i}'>{item}</a></li>" for i, item in enumerate(story.related))
    paragraphs = "".join(f"<p>{text}</p>" for text in story.paragraphs)
    body = (
        f"<header><nav><ul>{menu}</ul></nav></header>"
        f"<main><div class='breadcrumb'><a href='/'>{story.menu[0]}</a> › <a href='/c/1'>{story.menu[1]}</a></div>"
        f"<article><h1>{story.title}</h1><div class='meta'><div class='author'>{story.byline}</div>\n"
        f"<div class='date'>{story.printed_date}</div></div>"
        f"<p>{story.paragraphs[0]}</p>"
        f"<figure><img src='/img/bus.jpg' alt=''><figcaption>{story.caption}</figcaption></figure>"
        f"{''.join(f'<p>{text}</p>' for text in story.paragraphs[1:])}</article>"
        f"<aside><ul>{related}</ul></aside></main><footer><p>{story.footer}</p></footer>"
    )
    del paragraphs
    lang = story.lang.split("-")[0] if metadata or story.lang != "zh-Hant" else "zh-TW"
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def text_dump(story: Story) -> str:
    """A browser's select-all copy: the visible lines, no title line on top."""
    lines = [
        *story.menu, f"{story.menu[0]} › {story.menu[1]}", story.title, story.byline, story.printed_date,
        story.paragraphs[0], story.caption, *story.paragraphs[1:], *story.related, story.footer,
    ]
    return "\n".join(lines) + "\n"
