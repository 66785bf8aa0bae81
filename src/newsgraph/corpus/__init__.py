"""Cross-article work, as pure functions the store calls while it writes:

``identity``   which corpus actor (entity) an article's actor is, and why;
``duplicates`` MinHash signatures and LSH bands that find the same article told twice;
``happenings`` the key that makes many reports of one happening one event.
"""
