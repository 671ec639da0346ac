"""Spiders of the clustercrawl project (``scrapy list``)."""
