"""Sign-in and security headers: login throttling (django-axes), the second factor for
staff (django-otp), idle session expiry, the admin's Content-Security-Policy and the
Permissions-Policy header. See README, *Security and privacy*."""
