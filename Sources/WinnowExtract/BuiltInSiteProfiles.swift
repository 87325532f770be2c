/// The files of `Pipelines/sites/`, compiled in so that the built-in
/// pipeline finds them wherever `winnow` runs. A test checks that each
/// text equals its file; edit the file, then copy it here.
enum BuiltInSiteProfiles {
    static let files: [(name: String, text: String)] = [
        (
            "dailynk.yml",
            #"""
            # Daily NK, English and Korean editions (https://www.dailynk.com).
            # Bylines print Korea time without an offset ("Name | 2016-08-10 17:02"),
            # so dates are read in Asia/Seoul. Two theme generations: the table layout
            # of 2016-2018 and the WordPress (JNews) theme from 2019.
            name: Daily NK
            hosts: [dailynk.com]
            timezone: Asia/Seoul
            boilerplate:
              - Daily NK works with a network of sources
              - Please direct any comments or questions about this article to
              - 저작권자 ⓒ 데일리NK
              - 데일리NK는 북한 내부와 중국 등지에 있는 소식통 네트워크
              - 이 기사에 대한 의견이나 제보는
            language_links:
              Read in Korean: ko
              영문 보기: en
            layouts:
              - name: wordpress-2019
                detect: //div[contains(@class, 'jeg_inner_content')]
                title: //h1[contains(@class, 'jeg_post_title')]
                byline: //div[contains(@class, 'jeg_post_meta')]
                body: //div[contains(@class, 'content-inner')]
                captions: //figcaption
              - name: table-2016
                detect: //div[@id = 'news_contents']
                title: //div[@class = 'arttitle']
                byline: //div[@class = 'writer']
                body: //div[@id = 'news_contents']
                captions: //p[@class = 'caption']
            """#
        )
    ]
}
