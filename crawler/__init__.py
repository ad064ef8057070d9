"""The crawler: one registry-driven Scrapy spider, request policy in middlewares, detection and
storage in pipelines. crawler.process is the only module that starts Scrapy and the reactor."""
