"""Every setting the app reads from the environment is in the README's settings table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_environment_setting_is_in_the_readme_table():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    read = set(
        re.findall(r'(?:env_flag|env_list|environ\.get)\(\s*"([A-Z0-9_]+)"', settings_source)
    )
    read |= set(re.findall(r'env="([A-Z0-9_]+)"', settings_source))
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Settings") : readme.index("## Data")]
    first_cells = re.findall(r"^\| ([^|]+) \|", section, flags=re.MULTILINE)
    documented = {name for cell in first_cells for name in re.findall(r"`([A-Z0-9_]+)`", cell)}

    assert read, "found no settings read from the environment"
    assert read - documented == set()
