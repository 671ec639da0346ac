<!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo('charset'); ?>">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<header class="site-header">
  <a class="site-title" href="<?php echo esc_url(home_url('/')); ?>"><?php bloginfo('name'); ?></a>
  <p class="site-description"><?php bloginfo('description'); ?></p>
  <nav class="main-navigation"><ul>
    <?php wp_list_categories(['title_li' => '', 'hide_empty' => true]); ?>
    <?php wp_list_pages(['title_li' => '']); ?>
  </ul></nav>
</header>
<main id="main" class="site-main">
<?php if (is_archive()) : ?>
  <h1 class="page-title"><?php the_archive_title(); ?></h1>
<?php endif; ?>
<?php if (have_posts()) : while (have_posts()) : the_post(); ?>
  <article id="post-<?php the_ID(); ?>" <?php post_class(); ?>>
    <header class="entry-header">
    <?php if (is_singular()) {
        the_title('<h1 class="entry-title">', '</h1>');
    } else {
        the_title('<h2 class="entry-title"><a href="' . esc_url(get_permalink()) . '" rel="bookmark">', '</a></h2>');
    } ?>
      <div class="entry-meta">
        <span class="posted-on"><time class="entry-date published" datetime="<?php echo esc_attr(get_the_date('c')); ?>"><?php echo esc_html(get_the_date()); ?></time></span>
        <span class="cat-links"><?php the_category(', '); ?></span>
      </div>
    </header>
    <div class="entry-content">
      <?php if (is_singular()) { the_content(); } else { the_excerpt(); } ?>
    </div>
  </article>
<?php endwhile; ?>
  <?php the_posts_pagination(['mid_size' => 2]); ?>
<?php else : ?>
  <p><?php esc_html_e('Nothing Found'); ?></p>
<?php endif; ?>
</main>
<footer class="site-footer">
  <p>&copy; <?php echo esc_html(date('Y')); ?> <?php bloginfo('name'); ?></p>
</footer>
<?php wp_footer(); ?>
</body>
</html>
