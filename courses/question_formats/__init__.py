"""Question banks in and out of the studio: GIFT, Moodle XML and Excel.

Every format reads into and writes from the plain ``QuestionData`` records of ``base``; only
``courses.services.bank_transfer`` turns those into database rows, all or nothing.
"""
