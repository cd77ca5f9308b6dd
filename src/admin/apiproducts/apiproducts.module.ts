import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiProduct } from './api-product.entity.js';
import { ApiProductAttributesController, ApiProductsController } from './apiproducts.controller.js';
import { ApiProductsService } from './apiproducts.service.js';

/** Contract 2.4: API products. Exports the resolution of product names into a key's grants. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiProduct])],
  controllers: [ApiProductsController, ApiProductAttributesController],
  providers: [ApiProductsService],
  exports: [ApiProductsService],
})
export class ApiProductsModule {}
