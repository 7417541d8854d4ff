"""Monitoring in operation, the pure core: control charts designed for the volume at
hand, the sample size a month needs, the vendor upgrade gate and benefits realised.

No Django here. Every chart states its design (how often it raises a false alarm, how
soon it catches the drop the plan cares about) as :class:`vejviser.kernel.i18n.Message`s.
"""
