"""Preview stage: `portal serve`, the editors' preview that follows every edit."""
