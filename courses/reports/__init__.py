"""Reports for the training office: reads that assemble numbers across many records.

Like selectors they decide who may read them and answer in a fixed number of queries; unlike
selectors they compute (through the pure functions of ``courses.quiz_statistics``).
"""
