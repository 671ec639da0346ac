<?php
/*
 * Plugin Name: REST API closed to visitors (clustercrawl tests)
 * Description: What security plugins commonly do: the REST API answers 401 to anyone not
 * logged in, while the pages still announce it with <link rel="https://api.w.org/">.
 * Active only while the option realwp_rest_closed is set (tests/test_realwp_e2e.py).
 */
add_filter('rest_authentication_errors', function ($result) {
    if (!empty($result) || is_user_logged_in() || !get_option('realwp_rest_closed')) {
        return $result;
    }
    return new WP_Error('rest_login_required', 'REST API restricted to authenticated users.',
                        ['status' => 401]);
});
